// The exit codes of `mlnet-attention`, in one place so that commands, tests and the README agree.
// They follow the shell conventions scripts expect: 2 for a usage error (as getopt tools and
// System.CommandLine-based tools do), 128 + SIGINT = 130 for an interrupted run.
namespace MlNetAttention.Cli;

/// <summary>Process exit codes of the command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input could not be used: a missing or unreadable file, a malformed CSV row, a damaged
    /// or foreign model file, training that failed (e.g. diverged), an output that could not be written.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown or missing option, a value that does not parse or is
    /// out of range, a column name that is not in the file.</summary>
    public const int Usage = 2;

    /// <summary>Cancelled (Ctrl+C, SIGTERM, or the caller's CancellationToken); nothing was written.</summary>
    public const int Cancelled = 130;
}
