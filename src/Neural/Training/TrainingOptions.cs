// What a training step optimises and how: the loss options (class weights, label smoothing, the
// attention-pooling penalty), the AdamW settings and gradient clipping. Not saved with the weights:
// they shape training, not the model. Defaults are the PyTorch reference's.
namespace MlNetAttention.Neural.Training;

public sealed record TrainingOptions
{
    /// <summary>AdamW hyper-parameters. Default: torch's, weight decay 0.01.</summary>
    public AdamWOptions AdamW { get; init; } = new();

    /// <summary>Global gradient-norm clip (clip_grad_norm_ semantics); +∞ disables. Default 1.0 (reference).</summary>
    public float MaxGradientNorm { get; init; } = 1f;

    /// <summary>Label smoothing ε of the cross-entropy, in [0, 1). Default 0 (reference).</summary>
    public float LabelSmoothing { get; init; }

    /// <summary>Per-class weights of the cross-entropy (torch's weight=), positive; null = all 1. Default null.</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>Coefficient of Lin et al.'s penalty mean_b ‖A·Aᵀ − I‖²_F added to the loss (attention
    /// pooling only). Default 0 (reference: none).</summary>
    public float PenaltyWeight { get; init; }

    /// <summary>Multiplies the learning rate of the n-gram bag's table, which AdamW updates lazily (one
    /// step per occurrence of a row, see AdamW). Default 1.</summary>
    public float NgramLearningRateScale { get; init; } = 1f;

    /// <summary>Multiplies the learning rate of every dense tensor outside a pretrained (Bert) encoder — pooling,
    /// classifier and, densely updated, nothing else (the n-gram table keeps NgramLearningRateScale) — which
    /// start from random values while the encoder starts from its checkpoint. Ignored by scratch encoders. Default 1.</summary>
    public float HeadLearningRateScale { get; init; } = 1f;

    /// <summary>Throws an ArgumentException naming the first invalid setting; checks class weights
    /// against <paramref name="classCount"/>.</summary>
    public void Validate(int classCount)
    {
        ArgumentNullException.ThrowIfNull(AdamW, nameof(AdamW));
        AdamW.Validate();
        if (!(MaxGradientNorm > 0f)) throw new ArgumentException($"MaxGradientNorm must be positive (or +∞); got {MaxGradientNorm}.", nameof(MaxGradientNorm));
        if (!(LabelSmoothing >= 0f && LabelSmoothing < 1f)) throw new ArgumentException($"LabelSmoothing must be in [0, 1); got {LabelSmoothing}.", nameof(LabelSmoothing));
        if (!(PenaltyWeight >= 0f && float.IsFinite(PenaltyWeight))) throw new ArgumentException($"PenaltyWeight must be finite and ≥ 0; got {PenaltyWeight}.", nameof(PenaltyWeight));
        if (!(NgramLearningRateScale > 0f && float.IsFinite(NgramLearningRateScale)))
            throw new ArgumentException($"NgramLearningRateScale must be positive and finite; got {NgramLearningRateScale}.", nameof(NgramLearningRateScale));
        if (!(HeadLearningRateScale > 0f && float.IsFinite(HeadLearningRateScale)))
            throw new ArgumentException($"HeadLearningRateScale must be positive and finite; got {HeadLearningRateScale}.", nameof(HeadLearningRateScale));
        if (ClassWeights is { } weights)
        {
            if (weights.Count != classCount)
                throw new ArgumentException($"ClassWeights has {weights.Count} entries for {classCount} classes.", nameof(ClassWeights));
            for (int c = 0; c < weights.Count; c++)
            {
                if (!(weights[c] > 0f && float.IsFinite(weights[c])))
                    throw new ArgumentException($"ClassWeights[{c}] must be positive and finite; got {weights[c]}.", nameof(ClassWeights));
            }
        }
    }
}
