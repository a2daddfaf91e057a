// FeaturizeText → OneVersusAll over a binary logistic regression (SDCA or L-BFGS), one calibrated
// binary model per class. AveragedPerceptron is left out on purpose: it polls no cancellation
// (measured on ag_news: it ran 9.9 s past CancelExecution), so a deadline could not stop it in time.
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace MlNetAttention.AutoML;

/// <summary>FeaturizeText + one-versus-all binary logistic regression.</summary>
public sealed class OneVersusAllFamily : ITrialPipelineFactory
{
    public string TrainerName => "OneVersusAll";

    public SearchSpace SearchSpace { get; } = new(
    [
        .. TextFeaturizerSpace.Parameters(),
        HyperParameter.Choice("binaryTrainer", "SdcaLogisticRegression", "LbfgsLogisticRegression"),
        // "auto" is the binary trainer's own default (SDCA: chosen from the data; L-BFGS: 1).
        HyperParameter.Choice("l2Regularization", "auto", 1e-6, 1e-4, 1e-2, 0.1, 1.0),
    ]);

    public ParameterSet DefaultParameters { get; } = ParameterSet.Of(
    [
        .. TextFeaturizerSpace.MlNetDefaults(),
        ("binaryTrainer", "SdcaLogisticRegression"), ("l2Regularization", "auto"),
    ]);

    public TrialBudgetResource BudgetResource => TrialBudgetResource.Rows;

    public double RelativeCost => 2.0;

    public TrialPipeline Build(TrialContext context, ParameterSet parameters, TrialBudget budget)
    {
        var binary = context.MLContext.BinaryClassification.Trainers;
        var l2 = TextFeaturizerSpace.OptionalSingle(parameters, "l2Regularization");
        IEstimator<ITransformer> trainer = parameters.GetString("binaryTrainer") switch
        {
            "SdcaLogisticRegression" => context.MLContext.MulticlassClassification.Trainers.OneVersusAll(
                binary.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
                {
                    FeatureColumnName = context.FeatureColumnName,
                    L2Regularization = l2,
                    NumberOfThreads = context.NumberOfThreads,
                }),
                labelColumnName: context.LabelColumnName),
            "LbfgsLogisticRegression" => context.MLContext.MulticlassClassification.Trainers.OneVersusAll(
                binary.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    FeatureColumnName = context.FeatureColumnName,
                    L2Regularization = l2 ?? new LbfgsLogisticRegressionBinaryTrainer.Options().L2Regularization,
                    NumberOfThreads = context.NumberOfThreads,
                }),
                labelColumnName: context.LabelColumnName),
            var other => throw new ArgumentException($"Unknown binary trainer '{other}'.", nameof(parameters)),
        };
        return new TrialPipeline(TextFeaturizerSpace.Build(context, parameters), trainer);
    }
}
