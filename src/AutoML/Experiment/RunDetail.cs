// One trial as the caller sees it, shaped like Microsoft.ML.AutoML's RunDetail<TMetrics>
// (TrainerName, ValidationMetrics, Model, Estimator, RuntimeInSeconds, Exception) plus what a
// cost-aware search adds: the configuration, the budget it ran at, its status and when it ran.
using Microsoft.ML;

namespace MlNetAttention.AutoML;

/// <summary>The record of one trial of an experiment.</summary>
public sealed class RunDetail<TMetrics> where TMetrics : class
{
    private readonly Func<ITransformer?>? _loadModel;
    private ITransformer? _model;

    internal RunDetail(int trialId, int configurationId, string trainerName, ParameterSet parameters, TrialBudget budget,
        TrialStatus status, TMetrics? validationMetrics, double metricValue, IReadOnlyList<double> foldMetricValues,
        ITransformer? model, Func<ITransformer?>? loadModel, string? modelPath, IEstimator<ITransformer>? estimator,
        double startedAtSeconds, double runtimeInSeconds, Exception? exception, bool stillStopping)
    {
        (TrialId, ConfigurationId, TrainerName, Parameters, Budget, Status, ValidationMetrics, MetricValue) =
            (trialId, configurationId, trainerName, parameters, budget, status, validationMetrics, metricValue);
        (FoldMetricValues, _model, _loadModel, ModelPath, Estimator) = (foldMetricValues, model, loadModel, modelPath, estimator);
        (StartedAtSeconds, RuntimeInSeconds, Exception, StillStopping) = (startedAtSeconds, runtimeInSeconds, exception, stillStopping);
    }

    /// <summary>1, 2, … in the order trials ran.</summary>
    public int TrialId { get; }

    /// <summary>The configuration this trial ran; a configuration promoted by halving keeps its number across rungs.</summary>
    public int ConfigurationId { get; }

    /// <summary>The trainer family (<see cref="ITrialPipelineFactory.TrainerName"/>).</summary>
    public string TrainerName { get; }

    /// <summary>The hyper-parameter values of this trial.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>The budget the trial ran at (rung and fraction).</summary>
    public TrialBudget Budget { get; }

    public TrialStatus Status { get; }

    /// <summary>The validation metrics (under cross-validation: of the fold closest to the mean, as AutoML
    /// reports); null unless <see cref="Status"/> is Completed.</summary>
    public TMetrics? ValidationMetrics { get; }

    /// <summary>The optimised metric: the mean over folds under cross-validation; NaN unless completed.</summary>
    public double MetricValue { get; }

    /// <summary>The optimised metric per validation fold that was scored (one at partial budgets).</summary>
    public IReadOnlyList<double> FoldMetricValues { get; }

    /// <summary>The fitted model (label → key, featurizer, trainer, key → label). Kept in memory for the best
    /// run; for others only when the experiment has a cache directory (then loaded from there on demand).</summary>
    public ITransformer? Model => _model ??= _loadModel?.Invoke();

    /// <summary>Where the model was saved when the experiment has a cache directory; else null.</summary>
    public string? ModelPath { get; }

    /// <summary>The unfitted pipeline of this trial: refit it on all the data for a final model.</summary>
    public IEstimator<ITransformer>? Estimator { get; }

    /// <summary>Seconds from the start of the experiment to the start of the trial.</summary>
    public double StartedAtSeconds { get; }

    /// <summary>Wall time of the trial (every fold it ran, scoring included).</summary>
    public double RuntimeInSeconds { get; }

    /// <summary>Why the trial failed or how it was cancelled; null when completed.</summary>
    public Exception? Exception { get; }

    /// <summary>True when the trial was cancelled and its trainer had not returned within the grace period (a
    /// trainer that polls no cancellation, such as LightGBM's boosting loop): its thread ends in the background.</summary>
    public bool StillStopping { get; }

    internal RunDetail<TMetrics> WithoutModelInMemory() => new(TrialId, ConfigurationId, TrainerName, Parameters, Budget,
        Status, ValidationMetrics, MetricValue, FoldMetricValues, null, _loadModel, ModelPath, Estimator,
        StartedAtSeconds, RuntimeInSeconds, Exception, StillStopping);
}
