// Runs the command in-process through CliApplication.Run — the same parsing, commands and error
// handling as the `mlnet-attention` process — and captures what it wrote to stdout and stderr.
using MlNetAttention.Cli;

namespace MlNetAttention.Cli.Tests.Support;

/// <summary>The exit code and the text written to each stream.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

public static class CliRunner
{
    /// <summary>Runs <paramref name="args"/> and returns what happened.</summary>
    public static CliResult Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs <paramref name="args"/> with a cancellation token.</summary>
    public static CliResult Run(CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApplication.Run(args, output, error, cancellation);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="args"/> and cancels as soon as the output holds <paramref name="trigger"/>.</summary>
    public static CliResult RunCancellingOn(string trigger, params string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        var output = new TriggerWriter(trigger, cancellation);
        var error = new StringWriter();
        int code = CliApplication.Run(args, output, error, cancellation.Token);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts the run succeeded, showing both streams when it did not.</summary>
    public static CliResult Succeeds(this CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>A StringWriter that cancels a token when a line containing the trigger is written.</summary>
    private sealed class TriggerWriter(string trigger, CancellationTokenSource cancellation) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(trigger, StringComparison.Ordinal)) cancellation.Cancel();
        }
    }
}
