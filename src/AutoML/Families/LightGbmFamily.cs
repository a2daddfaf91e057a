// FeaturizeText → LightGbm (gradient-boosted trees, Ke et al. 2017). Trees over tens of thousands of
// sparse n-gram columns are the costliest classic family, so its default featurizer drops the
// character n-grams. Caveat measured on ag_news: LightGBM's boosting loop does not poll ML.NET's
// cancel flag (it ran 23 s past CancelExecution), so a LightGbm trial is only started when its
// measured cost fits the time left, and one caught by a deadline may finish in the background
// (RunDetail.StillStopping). Leave it out of Trainers where a hard stop matters more than its accuracy.
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace MlNetAttention.AutoML;

/// <summary>FeaturizeText + LightGBM multiclass.</summary>
public sealed class LightGbmFamily : ITrialPipelineFactory
{
    public string TrainerName => "LightGbm";

    public SearchSpace SearchSpace { get; } = new(
    [
        .. TextFeaturizerSpace.Parameters(),
        HyperParameter.Integer("numberOfIterations", 20, 300, logScale: true),
        HyperParameter.Integer("numberOfLeaves", 4, 128, logScale: true),
        HyperParameter.Real("learningRate", 0.02, 0.5, logScale: true),
        HyperParameter.Integer("minimumExampleCountPerLeaf", 2, 50, logScale: true),
    ]);

    /// <summary>LightGBM's own defaults (100 iterations, 31 leaves, rate 0.1, 20 per leaf) on word 1–2-grams.</summary>
    public ParameterSet DefaultParameters { get; } = ParameterSet.Of(
        (TextFeaturizerSpace.WordNgramLength, 2), (TextFeaturizerSpace.CharNgramLength, 0), (TextFeaturizerSpace.Norm, "L2"),
        ("numberOfIterations", 100), ("numberOfLeaves", 31), ("learningRate", 0.1), ("minimumExampleCountPerLeaf", 20));

    public TrialBudgetResource BudgetResource => TrialBudgetResource.Rows;

    /// <summary>Measured on 2 busy cores: its default on 1/9 of sst2 or ag_news ran 90–100 s where SDCA's took 4–14 s,
    /// so the tuner only tries it when a budget has room for that.</summary>
    public double RelativeCost => 20.0;

    public TrialPipeline Build(TrialContext context, ParameterSet parameters, TrialBudget budget)
    {
        var trainer = context.MLContext.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = context.LabelColumnName,
            FeatureColumnName = context.FeatureColumnName,
            NumberOfIterations = parameters.GetInt32("numberOfIterations"),
            NumberOfLeaves = parameters.GetInt32("numberOfLeaves"),
            LearningRate = parameters.GetDouble("learningRate"),
            MinimumExampleCountPerLeaf = parameters.GetInt32("minimumExampleCountPerLeaf"),
            NumberOfThreads = context.NumberOfThreads,
            Seed = context.Seed,
            Silent = true,
        });
        return new TrialPipeline(TextFeaturizerSpace.Build(context, parameters), trainer);
    }
}
