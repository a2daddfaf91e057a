// How the encoder's per-token states (B, T, C) are reduced to one feature vector per sequence.
namespace MlNetAttention.Neural.Model;

public enum PoolingKind
{
    /// <summary>Structured self-attentive pooling (Lin et al. 2017): r hops, features r·C.</summary>
    Attention,
    /// <summary>Mean over the sequence's real (non-pad) tokens: features C.</summary>
    Mean,
    /// <summary>The first token's state (position 0, e.g. a [CLS] token): features C.</summary>
    FirstToken,
    /// <summary>Attention pooling concatenated with mean pooling: features r·C + C (the best small-data
    /// recipe measured with the PyTorch reference).</summary>
    AttentionAndMean,
}
