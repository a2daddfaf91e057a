// A family whose trials go wrong on purpose: "outOfMemory" throws OutOfMemoryException from the
// trainer's Fit, "badOptions" throws an ArgumentException from Build, and "stubborn" sleeps in Fit for
// a set time without polling any cancellation (as LightGBM's boosting loop does).
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML.Tests;

public sealed class MisbehavingFamily : ITrialPipelineFactory
{
    private readonly string _mode;
    private readonly TimeSpan _stubbornFor;

    public MisbehavingFamily(string mode, TimeSpan stubbornFor = default, double relativeCost = 0.1)
    {
        (_mode, _stubbornFor, RelativeCost) = (mode, stubbornFor, relativeCost);
        DefaultParameters = ParameterSet.Of(("mode", mode));
        SearchSpace = new SearchSpace(HyperParameter.Choice("mode", mode));
    }

    public string TrainerName => $"Misbehaving-{_mode}";

    public SearchSpace SearchSpace { get; }

    public ParameterSet DefaultParameters { get; }

    public TrialBudgetResource BudgetResource => TrialBudgetResource.Rows;

    public double RelativeCost { get; }

    public TrialPipeline Build(TrialContext context, ParameterSet parameters, TrialBudget budget)
    {
        var misbehaviour = parameters.GetString("mode") switch
        {
            "outOfMemory" => new SleepingEstimator(TimeSpan.Zero, null,
                () => new OutOfMemoryException("Simulated: could not allocate the attention buffers.")),
            "badOptions" => throw new ArgumentException("Simulated: NumberOfHeads 3 does not divide ModelDimension 128.", nameof(parameters)),
            "stubborn" => new SleepingEstimator(_stubbornFor, cancellationToken: null),
            var other => throw new ArgumentException($"Unknown mode '{other}'.", nameof(parameters)),
        };
        // A real featurizer and trainer around the misbehaviour, so the chain's schema checks pass and Fit reaches it.
        var ml = context.MLContext;
        var trainer = new EstimatorChain<ITransformer>()
            .Append<ITransformer>(misbehaviour)
            .Append<ITransformer>(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(context.LabelColumnName, context.FeatureColumnName));
        return new TrialPipeline(ml.Transforms.Text.FeaturizeText(context.FeatureColumnName, context.TextColumnName), trainer);
    }
}
