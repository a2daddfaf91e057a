// What TrialRunner hands back for one trial, before it becomes a RunDetail.
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML;

internal sealed record TrialOutcome(
    TrialStatus Status,
    MulticlassClassificationMetrics? Metrics,
    double MetricValue,
    IReadOnlyList<double> FoldMetricValues,
    ITransformer? Model,
    IEstimator<ITransformer>? Estimator,
    Exception? Exception,
    bool StillStopping,
    int FoldsFitted);
