// What a command runs against: where its output and errors go, the token that cancels it, and whether
// the output is a live terminal (Spectre.Console progress bar and colours) or not (tests, CI logs,
// redirection: plain lines, no escape codes). Tests build one around StringWriters; Program.cs builds
// one around the process's console.
using System.Globalization;
using Microsoft.ML.Runtime;
using Spectre.Console;

namespace MlNetAttention.Cli;

/// <summary>The output streams, cancellation and terminal capabilities of one command run.</summary>
internal sealed class CliEnvironment
{
    private readonly Lazy<IAnsiConsole> _console;

    /// <param name="output">Results: tables, progress, predictions.</param>
    /// <param name="error">Errors and warnings.</param>
    /// <param name="cancellation">Cancels the command between training steps and between rows.</param>
    /// <param name="isLiveTerminal">True only when <paramref name="output"/> is an interactive terminal.</param>
    public CliEnvironment(TextWriter output, TextWriter error, CancellationToken cancellation, bool isLiveTerminal)
    {
        Output = output;
        Error = error;
        Cancellation = cancellation;
        IsLiveTerminal = isLiveTerminal;
        _console = new Lazy<IAnsiConsole>(CreateConsole);
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public CancellationToken Cancellation { get; }

    /// <summary>True when the output is an interactive terminal: a live progress bar and colours are used.</summary>
    public bool IsLiveTerminal { get; }

    /// <summary>A Spectre.Console console writing to <see cref="Output"/> (no escape codes unless live).</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>Writes one line to the output: through Spectre on a live terminal (so it appears above a progress
    /// bar), else straight to the writer (no wrapping, so logs keep one line per message). Formatting numbers
    /// with the invariant culture is the caller's job.</summary>
    public void WriteLine(string line = "")
    {
        if (IsLiveTerminal) Console.WriteLine(line);
        else Output.WriteLine(line);
    }

    /// <summary>Writes "warning: ..." to the error stream.</summary>
    public void Warn(string message) => Error.WriteLine("warning: " + message);

    /// <summary>Prints the warnings and errors ML.NET's components send to <paramref name="context"/>'s log as warnings;
    /// the rest of the log (ML.NET's trace and info messages) is left out.</summary>
    public void ForwardWarnings(MLContext context) =>
        context.Log += (_, e) =>
        {
            if (e.Kind is ChannelMessageKind.Warning or ChannelMessageKind.Error) Warn(e.RawMessage);
        };

    private IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Output),
            Ansi = IsLiveTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsLiveTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsLiveTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Spectre sizes tables to the terminal; off a terminal it assumes 80 columns, which cuts long class
        // names in CI logs for no benefit.
        if (!IsLiveTerminal) console.Profile.Width = 120;
        return console;
    }

    /// <summary>Formats with the invariant culture (the CLI's output never depends on the machine's locale).</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
