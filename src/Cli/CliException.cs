// An error the command reports as one line on stderr, with the exit code it implies. Commands throw it
// for problems they detect themselves (a column missing from the header, an option combination that
// makes no sense); exceptions from the library are translated by ErrorReporting.
namespace MlNetAttention.Cli;

/// <summary>A user-facing error: the message is printed as is, without a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>A wrong command line (exit code 2).</summary>
    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>Input that cannot be used, or output that cannot be written (exit code 1).</summary>
    public static CliException Failure(string message) => new(ExitCodes.Failure, message);
}
