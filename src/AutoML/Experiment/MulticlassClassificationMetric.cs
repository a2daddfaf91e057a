// The metric an experiment optimises, named as Microsoft.ML.AutoML names it, and how to read it off
// ML.NET's MulticlassClassificationMetrics with "higher is better" made uniform (log-loss negated).
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML;

/// <summary>Metrics a multiclass experiment can optimise (Microsoft.ML.AutoML's names).</summary>
public enum MulticlassClassificationMetric
{
    MicroAccuracy,
    MacroAccuracy,
    LogLoss,
    LogLossReduction,
    TopKAccuracy,
}

/// <summary>Reads the chosen metric and tells which way is better.</summary>
public static class MulticlassClassificationMetricExtensions
{
    /// <summary>The metric's value in <paramref name="metrics"/> (TopKAccuracy needs the evaluator's topK).</summary>
    public static double ValueOf(this MulticlassClassificationMetric metric, MulticlassClassificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metric switch
        {
            MulticlassClassificationMetric.MicroAccuracy => metrics.MicroAccuracy,
            MulticlassClassificationMetric.MacroAccuracy => metrics.MacroAccuracy,
            MulticlassClassificationMetric.LogLoss => metrics.LogLoss,
            MulticlassClassificationMetric.LogLossReduction => metrics.LogLossReduction,
            MulticlassClassificationMetric.TopKAccuracy => metrics.TopKAccuracy,
            _ => throw new ArgumentException($"Unknown metric {metric}.", nameof(metric)),
        };
    }

    /// <summary>Whether a larger value is better (all but LogLoss).</summary>
    public static bool IsMaximizing(this MulticlassClassificationMetric metric) => metric != MulticlassClassificationMetric.LogLoss;

    /// <summary>The value turned so that larger is always better (LogLoss negated); NaN stays NaN.</summary>
    public static double Score(this MulticlassClassificationMetric metric, MulticlassClassificationMetrics metrics)
    {
        double value = metric.ValueOf(metrics);
        return metric.IsMaximizing() ? value : -value;
    }
}
