// The `mlnet-attention` command, callable in-process: CliApplication.Run(args, stdout, stderr) parses
// the arguments (System.CommandLine), runs one command, and returns the process exit code (see
// ExitCodes) — the same path Program.cs takes, so tests exercise exactly what users run.
// Guarantees: every number printed or written uses the invariant culture (the thread's culture is set
// to invariant for the run and restored after, and option values parse the same way everywhere); a
// usage error prints its message and a hint and returns 2 without running anything; any failure is one
// line on stderr (ErrorReporting), never a stack trace; cancellation returns 130 and writes nothing.
using System.CommandLine;
using System.Globalization;
using MlNetAttention.Cli.Commands;

namespace MlNetAttention.Cli;

/// <summary>Runs the command line in-process.</summary>
public static class CliApplication
{
    /// <summary>The name users type.</summary>
    public const string CommandName = "mlnet-attention";

    /// <summary>Runs <paramref name="args"/> (e.g. <c>["train", "--dataset", "train.csv", ...]</c>) with plain
    /// output (no progress bar, no colours) to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    /// <returns>The exit code: 0 success, 1 failure, 2 usage error, 130 cancelled.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return Run(args, new CliEnvironment(output, error, cancellationToken, isLiveTerminal: false));
    }

    internal static int Run(string[] args, CliEnvironment environment)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var root = CreateRootCommand(environment);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var parseError in parsed.Errors) environment.Error.WriteLine("error: " + parseError.Message);
                string command = parsed.CommandResult.Command == root ? CommandName : $"{CommandName} {parsed.CommandResult.Command.Name}";
                environment.Error.WriteLine($"Run '{command} --help' for the options.");
                return ExitCodes.Usage;
            }
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = environment.Output,
                Error = environment.Error,
                // Errors are reported by ErrorReporting, and Ctrl+C by Program.cs through the CancellationToken,
                // so that a cancelled command can finish cleaning up instead of being abandoned.
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e)
        {
            return ErrorReporting.Report(e, environment);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand("mlnet-attention: text classification the ML.NET way, with a Transformer encoder trained on the CPU.");
        root.Subcommands.Add(TrainCommand.Create(environment));
        root.Subcommands.Add(EvaluateCommand.Create(environment));
        root.Subcommands.Add(PredictCommand.Create(environment));
        root.Subcommands.Add(DescribeCommand.Create(environment));
        return root;
    }
}
