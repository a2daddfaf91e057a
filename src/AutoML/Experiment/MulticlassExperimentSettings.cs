// The settings of a multiclass experiment, named after Microsoft.ML.AutoML's MulticlassExperimentSettings
// (MaxExperimentTimeInSeconds, OptimizingMetric, CancellationToken, CacheDirectoryName, MaxModels,
// Trainers) plus what our search adds: the seed, the thread count, the halving schedule and the
// cross-validation rule. Validate() is called by the experiment and names the bad setting.
namespace MlNetAttention.AutoML;

/// <summary>Settings of <see cref="MulticlassClassificationExperiment"/>.</summary>
public sealed class MulticlassExperimentSettings
{
    /// <summary>Wall-clock budget of Execute, data preparation included; held within 5 % (a trial that would
    /// overrun is not started, one that overruns is cancelled). Default 60 (AutoML: 86,400).</summary>
    public uint MaxExperimentTimeInSeconds { get; set; } = 60;

    /// <summary>The metric trials are ranked by. Default MicroAccuracy (AutoML's default).</summary>
    public MulticlassClassificationMetric OptimizingMetric { get; set; } = MulticlassClassificationMetric.MicroAccuracy;

    /// <summary>k of TopKAccuracy; needed (≥ 1) when it is the optimised metric. Default 0 (not computed).</summary>
    public int TopKPredictionCount { get; set; }

    /// <summary>Stops the experiment within a second; the trials finished so far are kept in the result.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>A directory to save every trial's model in (trial-NNN.zip, loaded on demand by RunDetail.Model).
    /// Null (default): models stay in memory, and only the best run keeps its model.</summary>
    public string? CacheDirectoryName { get; set; }

    /// <summary>Stop after this many trials (AutoML's MaxModels). Null (default): only time stops the search.</summary>
    public int? MaxModels { get; set; }

    /// <summary>Seed of the splits, the sampling and every trial (trial i gets Seed + i). Null (default): drawn
    /// from the MLContext, so <c>new MLContext(seed)</c> makes the experiment reproducible.</summary>
    public int? Seed { get; set; }

    /// <summary>Threads each trainer may use. Same seed + same threads = same leaderboard (when the time budget does not
    /// cut the search). Null (default): the trainers choose.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>The trainer families to search, cheapest first by default: SdcaMaximumEntropy, LbfgsMaximumEntropy,
    /// OneVersusAll, LightGbm. Add the neural family here.</summary>
    public IList<ITrialPipelineFactory> Trainers { get; set; } = ClassicTrainerFamilies.All().ToList();

    /// <summary>Successive halving: η (each rung keeps 1/η) and the number of rungs. Default η = 3, 3 rungs
    /// (budgets 1/9, 1/3, 1).</summary>
    public SuccessiveHalvingSchedule Halving { get; set; } = new();

    /// <summary>Below this many training rows Execute(trainData) cross-validates. Default 15,000 (AutoML's).</summary>
    public int CrossValidationRowThreshold { get; set; } = ValidationPlan.DefaultCrossValidationRowThreshold;

    /// <summary>Folds of cross-validation. Default 10 (AutoML's).</summary>
    public int CrossValidationFolds { get; set; } = ValidationPlan.DefaultCrossValidationFolds;

    /// <summary>How long a cancelled trial may take to return before the experiment stops waiting for it.
    /// Default 0.5 s, so that cancellation returns within a second.</summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Throws an ArgumentException naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxExperimentTimeInSeconds == 0)
            throw new ArgumentException("MaxExperimentTimeInSeconds must be at least 1; got 0.", nameof(MaxExperimentTimeInSeconds));
        if (!Enum.IsDefined(OptimizingMetric))
            throw new ArgumentException($"Unknown OptimizingMetric {OptimizingMetric}.", nameof(OptimizingMetric));
        if (TopKPredictionCount < 0)
            throw new ArgumentException($"TopKPredictionCount must be non-negative; got {TopKPredictionCount}.", nameof(TopKPredictionCount));
        if (OptimizingMetric == MulticlassClassificationMetric.TopKAccuracy && TopKPredictionCount < 1)
            throw new ArgumentException(
                $"OptimizingMetric TopKAccuracy needs TopKPredictionCount ≥ 1; got {TopKPredictionCount}.", nameof(TopKPredictionCount));
        if (MaxModels is < 1)
            throw new ArgumentException($"MaxModels must be at least 1; got {MaxModels}.", nameof(MaxModels));
        if (NumberOfThreads is < 1)
            throw new ArgumentException($"NumberOfThreads must be at least 1; got {NumberOfThreads}.", nameof(NumberOfThreads));
        if (Trainers is null || Trainers.Count == 0)
            throw new ArgumentException("At least one trainer family is needed in Trainers.", nameof(Trainers));
        if (Trainers.Any(t => t is null))
            throw new ArgumentException("Trainers contains null.", nameof(Trainers));
        var duplicate = Trainers.GroupBy(t => t.TrainerName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Trainer family '{duplicate.Key}' is listed twice.", nameof(Trainers));
        foreach (var family in Trainers)
            family.SearchSpace.Validate(family.DefaultParameters, nameof(Trainers));
        if (Halving is null)
            throw new ArgumentException("Halving must not be null.", nameof(Halving));
        if (CrossValidationRowThreshold < 0)
            throw new ArgumentException($"CrossValidationRowThreshold must be non-negative; got {CrossValidationRowThreshold}.", nameof(CrossValidationRowThreshold));
        if (CrossValidationFolds < 2)
            throw new ArgumentException($"CrossValidationFolds must be at least 2; got {CrossValidationFolds}.", nameof(CrossValidationFolds));
        if (CancellationGracePeriod < TimeSpan.Zero || CancellationGracePeriod > TimeSpan.FromSeconds(10))
            throw new ArgumentException($"CancellationGracePeriod must be in [0, 10] s; got {CancellationGracePeriod}.", nameof(CancellationGracePeriod));
    }
}
