// How a token's position enters its embedding.
namespace MlNetAttention.Neural.Model;

public enum PositionEncodingKind
{
    /// <summary>A learned (MaxLength, C) table, as nn.Embedding(maxlen, d) in the PyTorch reference.</summary>
    Learned,
    /// <summary>Fixed sines and cosines (Vaswani et al. 2017 §3.5): PE[t, 2i] = sin(t / 10000^(2i/C)),
    /// PE[t, 2i+1] = cos(t / 10000^(2i/C)); no parameters.</summary>
    Sinusoidal,
    /// <summary>No position information (the reference's --nopos): a bag-of-tokens encoder.</summary>
    None,
}
