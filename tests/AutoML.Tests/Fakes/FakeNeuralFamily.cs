// A stand-in for the neural family: tunable, slow, and budgeted in epochs, as the real one will be.
// Each "epoch" costs a fixed pause (polling the trial's token) and an L-BFGS iteration; the budget's
// fraction of the full epochs is what successive halving cuts. Records every budget it was built with.
using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MlNetAttention.AutoML.Tests;

public sealed class FakeNeuralFamily : ITrialPipelineFactory
{
    private readonly TimeSpan _perEpoch;

    public FakeNeuralFamily(TimeSpan perEpoch, double relativeCost = 5) => (_perEpoch, RelativeCost) = (perEpoch, relativeCost);

    public ConcurrentQueue<(ParameterSet Parameters, TrialBudget Budget, int Epochs)> Built { get; } = new();

    public string TrainerName => "FakeNeural";

    public SearchSpace SearchSpace { get; } = new(
        HyperParameter.Choice("maxEpochs", 9, 18),
        HyperParameter.Real("l2Regularization", 0.001, 10, logScale: true));

    public ParameterSet DefaultParameters { get; } = ParameterSet.Of(("maxEpochs", 9), ("l2Regularization", 1.0));

    public TrialBudgetResource BudgetResource => TrialBudgetResource.Epochs;

    public double RelativeCost { get; }

    public TrialPipeline Build(TrialContext context, ParameterSet parameters, TrialBudget budget)
    {
        int epochs = budget.Epochs(parameters.GetInt32("maxEpochs"));
        Built.Enqueue((parameters, budget, epochs));
        var ml = context.MLContext;
        var trainer = new EstimatorChain<ITransformer>()
            .Append<ITransformer>(new SleepingEstimator(_perEpoch * epochs, context.CancellationToken))
            .Append<ITransformer>(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = context.LabelColumnName,
                FeatureColumnName = context.FeatureColumnName,
                L2Regularization = (float)parameters.GetDouble("l2Regularization"),
                MaximumNumberOfIterations = epochs,
                NumberOfThreads = context.NumberOfThreads,
            }));
        var featurizer = ml.Transforms.Text.FeaturizeText(context.FeatureColumnName, context.TextColumnName);
        return new TrialPipeline(featurizer, trainer);
    }
}
