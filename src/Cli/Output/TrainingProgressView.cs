// Shows training as it happens, from the trainer's progress reports (Options.Progress, synchronous on
// the training thread) and its log (MLContext.Log: the choices it made from the data).
//   live terminal: a Spectre.Console progress bar (epoch/step, loss, tokens/s, validation accuracy,
//                  ETA) with one line per epoch and the trainer's messages printed above it;
//   otherwise (tests, CI, redirected output): the same lines, one per epoch, no bar, no escape codes.
// It also keeps every epoch report, for the HTML report's training curve.
using System.Globalization;
using MlNetAttention.Trainers;
using Spectre.Console;

namespace MlNetAttention.Cli.Output;

/// <summary>Receives training progress and prints it.</summary>
internal sealed class TrainingProgressView : IProgress<TrainingProgress>
{
    private readonly CliEnvironment _environment;
    private readonly List<TrainingProgress> _epochs = [];
    private ProgressTask? _task;
    private double? _lastValidationAccuracy;

    private TrainingProgressView(CliEnvironment environment) => _environment = environment;

    /// <summary>Every epoch report so far, in order.</summary>
    public IReadOnlyList<TrainingProgress> Epochs => _epochs;

    /// <summary>Runs <paramref name="train"/> with a view that shows its progress: a live bar on a terminal,
    /// plain lines otherwise. Exceptions (cancellation included) propagate once the display is closed.</summary>
    public static T Run<T>(CliEnvironment environment, Func<TrainingProgressView, T> train)
    {
        var view = new TrainingProgressView(environment);
        if (!environment.IsLiveTerminal) return train(view);
        return environment.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                view._task = context.AddTask(Markup.Escape("preparing (vocabulary, lengths, encoding)"), maxValue: 1);
                view._task.IsIndeterminate = true;
                var result = train(view);
                view._task.Value = view._task.MaxValue;
                view._task.StopTask();
                return result;
            });
    }

    /// <summary>Prints a message from the trainer (above the bar when it is live).</summary>
    public void Message(string text) => _environment.WriteLine(text);

    public void Report(TrainingProgress value)
    {
        if (value.Kind == TrainingProgressKind.Epoch)
        {
            _epochs.Add(value);
            _lastValidationAccuracy = value.ValidationAccuracy ?? _lastValidationAccuracy;
            _environment.WriteLine(EpochLine(value));
        }
        if (_task is { } task)
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(1, value.MaxEpochs * value.StepsPerEpoch);
            task.Value = value.TotalSteps;
            task.Description = Markup.Escape(StepLine(value, _lastValidationAccuracy));
        }
    }

    /// <summary>"epoch 3/10: loss 0.8123, validation accuracy 71.88 % (loss 0.6543, best), 12345 tokens/s, elapsed 00:00:12".</summary>
    public static string EpochLine(TrainingProgress p)
    {
        var inv = CultureInfo.InvariantCulture;
        string validation = p.ValidationAccuracy is { } accuracy
            ? string.Format(inv, ", validation accuracy {0:P2} (loss {1:F4}{2})", accuracy, p.ValidationLoss, p.IsBest ? ", best" : "")
            : "";
        return string.Format(inv, "epoch {0}/{1}: loss {2:F4}{3}, {4:F0} tokens/s, elapsed {5:hh\\:mm\\:ss}",
            p.Epoch, p.MaxEpochs, p.Loss, validation, p.TokensPerSecond, p.Elapsed);
    }

    /// <summary>The live bar's description after a step.</summary>
    public static string StepLine(TrainingProgress p, double? validationAccuracy)
    {
        var inv = CultureInfo.InvariantCulture;
        string validation = validationAccuracy is { } a ? string.Format(inv, " | val acc {0:P1}", a) : "";
        return string.Format(inv, "epoch {0}/{1} step {2}/{3} | loss {4:F4} | {5:F0} tok/s{6} | ETA {7:hh\\:mm\\:ss}",
            p.Epoch, p.MaxEpochs, p.Step, p.StepsPerEpoch, p.Loss, p.TokensPerSecond, validation, p.EstimatedTimeRemaining);
    }
}
