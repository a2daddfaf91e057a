// Turns any exception that ends a command into ONE line on stderr and an exit code, so a user never
// sees a stack trace for a problem with their input. The exceptions already carry precise messages (the
// CSV reader names the file, line and column; the model loader names the file and the entry; the trainer
// names the option and the value); this class only picks the exit code and, for trainer options,
// replaces the Options property name by the flag the user typed. ML.NET calls some of our code by
// reflection or on other threads, so a TargetInvocationException, a single-exception AggregateException
// and ML.NET's InvalidOperationException around a worker's exception are looked through to the
// exception inside.
// A stack trace is printed only for an exception nobody anticipated, and only when the environment
// variable MLNET_ATTENTION_STACKTRACE is 1 (so bug reports can include it).
using System.Reflection;
using MlNetAttention.Cli.Commands;

namespace MlNetAttention.Cli;

internal static class ErrorReporting
{
    /// <summary>Environment variable that adds the stack trace of unexpected errors.</summary>
    public const string StackTraceVariable = "MLNET_ATTENTION_STACKTRACE";

    /// <summary>Writes the error for <paramref name="exception"/> and returns the exit code.</summary>
    public static int Report(Exception exception, CliEnvironment environment)
    {
        var (code, message) = Describe(exception, environment.Cancellation);
        if (code == ExitCodes.Cancelled)
        {
            environment.Error.WriteLine("Cancelled; nothing was written.");
            return code;
        }
        environment.Error.WriteLine("error: " + message);
        if (IsUnexpected(exception) && Environment.GetEnvironmentVariable(StackTraceVariable) == "1")
            environment.Error.WriteLine(exception.ToString());
        return code;
    }

    /// <summary>The exit code and the one-line message for <paramref name="exception"/>.</summary>
    public static (int Code, string Message) Describe(Exception exception, CancellationToken cancellation) => Unwrap(exception) switch
    {
        CliException e => (e.ExitCode, e.Message),
        // A cancelled read inside ML.NET may reach us wrapped in another exception.
        _ when cancellation.IsCancellationRequested && Chain(exception).Any(e => e is OperationCanceledException) => (ExitCodes.Cancelled, "cancelled"),
        FileNotFoundException e => (ExitCodes.Failure, e.Message),
        DirectoryNotFoundException e => (ExitCodes.Failure, e.Message),
        InvalidDataException e => (ExitCodes.Failure, e.Message),
        FormatException e => (ExitCodes.Failure, e.Message),
        UnauthorizedAccessException e => (ExitCodes.Failure, e.Message),
        IOException e => (ExitCodes.Failure, e.Message),
        ArgumentException e when TrainerFlags.FlagFor(e.ParamName) is { } flag => (ExitCodes.Usage, OptionMessage(e, flag)),
        InvalidOperationException e => (ExitCodes.Failure, e.Message),
        var e => (ExitCodes.Failure, $"unexpected {e.GetType().Name}: {e.Message} " +
                                 $"(set {StackTraceVariable}=1 to print the stack trace)"),
    };

    /// <summary>An error about the user's input or output files, whose message says what is wrong and where.</summary>
    private static bool IsInputError(Exception exception) =>
        exception is CliException or InvalidDataException or IOException or UnauthorizedAccessException;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>The exception inside reflection and task wrappers.</summary>
    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    exception = aggregate.InnerExceptions[0];
                    break;
                // ML.NET's parallel cursors rethrow a reader's exception inside their own ("Splitter/consolidator
                // worker encountered exception while consuming source data"): the reader's message is the one to show.
                case InvalidOperationException wrapper when Chain(wrapper).Skip(1).FirstOrDefault(IsInputError) is { } inner:
                    exception = inner;
                    break;
                default:
                    return exception;
            }
        }
    }

    private static bool IsUnexpected(Exception exception) =>
        Describe(exception, CancellationToken.None).Message.StartsWith("unexpected ", StringComparison.Ordinal);

    /// <summary>"Option MaxEpochs must be at least 1; got 0. (Parameter 'MaxEpochs')" becomes
    /// "--epochs (MaxEpochs) must be at least 1; got 0."</summary>
    private static string OptionMessage(ArgumentException e, string flag)
    {
        string message = e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
        string prefix = $"Option {e.ParamName}";
        return message.StartsWith(prefix, StringComparison.Ordinal)
            ? $"{flag} ({e.ParamName}){message[prefix.Length..]}"
            : $"{flag}: {message}";
    }
}
