// What Fit reports while it trains, through AttentionTextClassificationTrainer.Options.Progress (and,
// summarised, through MLContext.Log): one report after every optimizer step and one after every
// epoch's validation. Reports are made synchronously on the training thread, so a handler can cancel
// training (through the options' CancellationToken) and the next step will not start.
namespace MlNetAttention.Trainers;

/// <summary>When a <see cref="TrainingProgress"/> report is made.</summary>
public enum TrainingProgressKind
{
    /// <summary>After an optimizer step.</summary>
    Step,

    /// <summary>After an epoch (or a stop), once the validation set has been scored.</summary>
    Epoch,
}

/// <summary>One progress report of <c>AttentionTextClassificationTrainer.Fit</c>.</summary>
public sealed record TrainingProgress
{
    /// <summary>After a step or after an epoch.</summary>
    public required TrainingProgressKind Kind { get; init; }

    /// <summary>The current epoch, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The most epochs this run can take (Options.MaxEpochs, or the automatic plan).</summary>
    public required int MaxEpochs { get; init; }

    /// <summary>Steps done in the current epoch (from 1 after its first step).</summary>
    public required int Step { get; init; }

    /// <summary>Steps in one epoch (batches of the training rows).</summary>
    public required int StepsPerEpoch { get; init; }

    /// <summary>Steps done since training began.</summary>
    public required int TotalSteps { get; init; }

    /// <summary>The loss of the last step (Step reports) or the mean loss of the epoch's steps (Epoch reports).</summary>
    public required double Loss { get; init; }

    /// <summary>The learning rate of the last step.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Real (non-padding) training tokens processed per second of stepping so far.</summary>
    public required double TokensPerSecond { get; init; }

    /// <summary>Time since training began (vocabulary learning and encoding excluded).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Estimated time left if every remaining epoch runs (early stopping or a time limit may end sooner).</summary>
    public required TimeSpan EstimatedTimeRemaining { get; init; }

    /// <summary>Validation accuracy of this epoch's weights (Epoch reports with a validation set), else null.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>Validation cross-entropy of this epoch's weights (Epoch reports with a validation set), else null.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>True on an Epoch report whose weights are the best so far (they are the ones kept).</summary>
    public bool IsBest { get; init; }

    public override string ToString() => Kind == TrainingProgressKind.Step
        ? $"epoch {Epoch}/{MaxEpochs} step {Step}/{StepsPerEpoch}: loss {Loss:F4}, lr {LearningRate:G3}, " +
          $"{TokensPerSecond:F0} tokens/s, ETA {EstimatedTimeRemaining:hh\\:mm\\:ss}"
        : $"epoch {Epoch}/{MaxEpochs} done: mean loss {Loss:F4}" +
          (ValidationAccuracy is { } accuracy ? $", validation accuracy {accuracy:P2}, loss {ValidationLoss:F4}{(IsBest ? " (best)" : "")}" : "") +
          $", {TokensPerSecond:F0} tokens/s, elapsed {Elapsed:hh\\:mm\\:ss}";
}
