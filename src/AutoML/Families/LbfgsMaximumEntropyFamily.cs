// FeaturizeText → LbfgsMaximumEntropy (multinomial logistic regression by L-BFGS). Defaults are
// ML.NET's (L1 = L2 = 1, history 20). L-BFGS polls ML.NET's cancel flag each iteration (measured:
// it stops 0.7 s after CancelExecution on ag_news).
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace MlNetAttention.AutoML;

/// <summary>FeaturizeText + L-BFGS maximum entropy.</summary>
public sealed class LbfgsMaximumEntropyFamily : ITrialPipelineFactory
{
    public string TrainerName => "LbfgsMaximumEntropy";

    public SearchSpace SearchSpace { get; } = new(
    [
        .. TextFeaturizerSpace.Parameters(),
        HyperParameter.Real("l1Regularization", 0.01, 10, logScale: true),
        HyperParameter.Real("l2Regularization", 0.01, 10, logScale: true),
        HyperParameter.Choice("historySize", 5, 20, 50),
    ]);

    public ParameterSet DefaultParameters { get; } = ParameterSet.Of(
    [
        .. TextFeaturizerSpace.MlNetDefaults(),
        ("l1Regularization", 1.0), ("l2Regularization", 1.0), ("historySize", 20),
    ]);

    public TrialBudgetResource BudgetResource => TrialBudgetResource.Rows;

    public double RelativeCost => 1.5;

    public TrialPipeline Build(TrialContext context, ParameterSet parameters, TrialBudget budget)
    {
        var trainer = context.MLContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = context.LabelColumnName,
            FeatureColumnName = context.FeatureColumnName,
            L1Regularization = (float)parameters.GetDouble("l1Regularization"),
            L2Regularization = (float)parameters.GetDouble("l2Regularization"),
            HistorySize = parameters.GetInt32("historySize"),
            NumberOfThreads = context.NumberOfThreads,
        });
        return new TrialPipeline(TextFeaturizerSpace.Build(context, parameters), trainer);
    }
}
