// One candidate as a family builds it: the featurizer and the trainer kept apart, so that the
// experiment can cache the featurized rows between them and check for cancellation on every row the
// trainer reads (see CancellationCheckpoint). Composed, they are an ordinary ML.NET estimator chain.
using Microsoft.ML;

namespace MlNetAttention.AutoML;

/// <summary>A candidate pipeline: an optional featurizer and a trainer.</summary>
public sealed class TrialPipeline
{
    /// <param name="featurizer">Text → features (e.g. FeaturizeText); null when the trainer reads the text itself.</param>
    /// <param name="trainer">Features (or text) and the key label → Score, PredictedLabel.</param>
    public TrialPipeline(IEstimator<ITransformer>? featurizer, IEstimator<ITransformer> trainer)
    {
        Trainer = trainer ?? throw new ArgumentNullException(nameof(trainer));
        Featurizer = featurizer;
    }

    public IEstimator<ITransformer>? Featurizer { get; }

    public IEstimator<ITransformer> Trainer { get; }
}
