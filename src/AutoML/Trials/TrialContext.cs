// What a family needs to build one trial's pipeline: the trial's own MLContext (one per trial, so a
// cancelled trial cannot poison the next one and each trial's seed is explicit), the column names,
// the seed and thread count, and the trial's cancellation token and time limit.
using Microsoft.ML;

namespace MlNetAttention.AutoML;

/// <summary>Everything a <see cref="ITrialPipelineFactory"/> needs besides the parameters and budget.</summary>
public sealed class TrialContext
{
    public TrialContext(MLContext mlContext, string textColumnName, string labelColumnName, int seed,
        int? numberOfThreads, CancellationToken cancellationToken, double timeLimitSeconds)
    {
        MLContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        if (string.IsNullOrWhiteSpace(textColumnName))
            throw new ArgumentException($"A text column name is needed; got '{textColumnName}'.", nameof(textColumnName));
        if (string.IsNullOrWhiteSpace(labelColumnName))
            throw new ArgumentException($"A label column name is needed; got '{labelColumnName}'.", nameof(labelColumnName));
        if (numberOfThreads is < 1)
            throw new ArgumentException($"Number of threads must be at least 1; got {numberOfThreads}.", nameof(numberOfThreads));
        if (double.IsNaN(timeLimitSeconds) || timeLimitSeconds < 0)
            throw new ArgumentException($"The time limit must be non-negative; got {timeLimitSeconds}.", nameof(timeLimitSeconds));
        (TextColumnName, LabelColumnName, Seed, NumberOfThreads, CancellationToken, TimeLimitSeconds) =
            (textColumnName, labelColumnName, seed, numberOfThreads, cancellationToken, timeLimitSeconds);
    }

    /// <summary>This trial's context, created with <see cref="Seed"/>.</summary>
    public MLContext MLContext { get; }

    /// <summary>The raw text column of the data.</summary>
    public string TextColumnName { get; }

    /// <summary>The label column, already a key (MapValueToKey ran before the family's pipeline).</summary>
    public string LabelColumnName { get; }

    /// <summary>The column name a featurizer should write for the trainer to read.</summary>
    public string FeatureColumnName => "Features";

    /// <summary>The trial's seed (from the experiment seed and the trial number).</summary>
    public int Seed { get; }

    /// <summary>Threads a trainer may use; null lets it choose.</summary>
    public int? NumberOfThreads { get; }

    /// <summary>Fires when the trial must stop (experiment deadline or the caller's token).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Seconds this trial may run before its token fires (its time cap, never past the experiment's deadline).
    /// A trainer with its own time limit (the neural trainer's MaximumTrainingTimeInSeconds) can stop gracefully
    /// a little before it and keep its best weights, instead of being cancelled.</summary>
    public double TimeLimitSeconds { get; }
}
