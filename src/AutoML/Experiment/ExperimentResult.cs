// What an experiment returns, shaped like Microsoft.ML.AutoML's ExperimentResult<TMetrics>: every
// trial (RunDetails) and the best one (BestRun), plus how trials were validated and where the time went.
namespace MlNetAttention.AutoML;

/// <summary>The trials of an experiment and the best of them.</summary>
public sealed class ExperimentResult<TMetrics> where TMetrics : class
{
    internal ExperimentResult(IReadOnlyList<RunDetail<TMetrics>> runDetails, RunDetail<TMetrics>? bestRun,
        ValidationPlan validation, MulticlassClassificationMetric optimizingMetric, int seed,
        double maxExperimentTimeInSeconds, double elapsedSeconds, string stopReason)
    {
        (RunDetails, BestRun, Validation, OptimizingMetric, Seed) = (runDetails, bestRun, validation, optimizingMetric, seed);
        (MaxExperimentTimeInSeconds, ElapsedSeconds, StopReason) = (maxExperimentTimeInSeconds, elapsedSeconds, stopReason);
    }

    /// <summary>Every trial, in the order they ran (failed and cancelled ones included).</summary>
    public IReadOnlyList<RunDetail<TMetrics>> RunDetails { get; }

    /// <summary>The best completed trial at the highest budget reached (full budget when any finished);
    /// null when no trial completed.</summary>
    public RunDetail<TMetrics>? BestRun { get; }

    /// <summary>How trials were validated (cross-validation, holdout or the given set) and why.</summary>
    public ValidationPlan Validation { get; }

    public MulticlassClassificationMetric OptimizingMetric { get; }

    /// <summary>The seed the search ran with (the settings' or the one drawn from the MLContext).</summary>
    public int Seed { get; }

    public double MaxExperimentTimeInSeconds { get; }

    /// <summary>Wall time of Execute, data preparation included.</summary>
    public double ElapsedSeconds { get; }

    /// <summary>Why the search ended: time budget, cancellation, model limit, or search space exhausted.</summary>
    public string StopReason { get; }
}
