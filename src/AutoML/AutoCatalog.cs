// The entry point, named as Microsoft.ML.AutoML's: mlContext.Auto().CreateMulticlassClassificationExperiment(…).
// Code written against AutoML ports by swapping the namespace (and naming the text column).
using Microsoft.ML;

namespace MlNetAttention.AutoML;

/// <summary><c>mlContext.Auto()</c>.</summary>
public static class MLContextAutoExtensions
{
    /// <summary>The catalog of AutoML-style experiments for <paramref name="mlContext"/>.</summary>
    public static AutoCatalog Auto(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new AutoCatalog(mlContext);
    }
}

/// <summary>Creates experiments (Microsoft.ML.AutoML's AutoCatalog, multiclass only).</summary>
public sealed class AutoCatalog
{
    private readonly MLContext _mlContext;

    internal AutoCatalog(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>An experiment with default settings and the given time budget.</summary>
    public MulticlassClassificationExperiment CreateMulticlassClassificationExperiment(uint maxExperimentTimeInSeconds) =>
        CreateMulticlassClassificationExperiment(new MulticlassExperimentSettings { MaxExperimentTimeInSeconds = maxExperimentTimeInSeconds });

    /// <summary>An experiment with the given settings (validated now, and again at Execute).</summary>
    public MulticlassClassificationExperiment CreateMulticlassClassificationExperiment(MulticlassExperimentSettings experimentSettings)
    {
        if (experimentSettings is null)
            throw new ArgumentNullException(nameof(experimentSettings));
        return new MulticlassClassificationExperiment(_mlContext, experimentSettings);
    }
}
