// FeaturizeText → SdcaMaximumEntropy, the pipeline an ML.NET user writes first and the cheapest
// family (RelativeCost 1 is defined by it). Its default is ML.NET's defaults for both components.
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace MlNetAttention.AutoML;

/// <summary>FeaturizeText + SDCA maximum entropy (Shalev-Shwartz &amp; Zhang 2013).</summary>
public sealed class SdcaMaximumEntropyFamily : ITrialPipelineFactory
{
    public string TrainerName => "SdcaMaximumEntropy";

    public SearchSpace SearchSpace { get; } = new(
    [
        .. TextFeaturizerSpace.Parameters(),
        HyperParameter.Choice("l2Regularization", "auto", 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2),
        HyperParameter.Choice("l1Regularization", "auto", 0.0, 1e-4, 1e-3, 1e-2),
        HyperParameter.Choice("maximumNumberOfIterations", "auto", 5, 10, 20, 50),
    ]);

    public ParameterSet DefaultParameters { get; } = ParameterSet.Of(
    [
        .. TextFeaturizerSpace.MlNetDefaults(),
        ("l2Regularization", "auto"), ("l1Regularization", "auto"), ("maximumNumberOfIterations", "auto"),
    ]);

    public TrialBudgetResource BudgetResource => TrialBudgetResource.Rows;

    public double RelativeCost => 1.0;

    public TrialPipeline Build(TrialContext context, ParameterSet parameters, TrialBudget budget)
    {
        var trainer = context.MLContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = context.LabelColumnName,
            FeatureColumnName = context.FeatureColumnName,
            L2Regularization = TextFeaturizerSpace.OptionalSingle(parameters, "l2Regularization"),
            L1Regularization = TextFeaturizerSpace.OptionalSingle(parameters, "l1Regularization"),
            MaximumNumberOfIterations = TextFeaturizerSpace.OptionalInt32(parameters, "maximumNumberOfIterations"),
            NumberOfThreads = context.NumberOfThreads,
        });
        return new TrialPipeline(TextFeaturizerSpace.Build(context, parameters), trainer);
    }
}
