// The encoder's per-token states, for parity checks against other runtimes and for using the encoder
// as a feature extractor: the output of the last block (Bert) or of the final layer norm (scratch).
namespace MlNetAttention.Neural.Model;

public sealed partial class EncoderClassifier
{
    /// <summary>
    /// Writes the encoder's states of the batch's real tokens, packed row after row, (N, C) with
    /// N = <see cref="TokenBatch.TokenCount"/>; no dropout. Pads have no state: the engine never computes them.
    /// </summary>
    public void Encode(TokenBatch batch, Span<float> states)
    {
        ValidateBatch(batch, requireLabels: false);
        int size = batch.TokenCount * Config.ModelDimension;
        if (states.Length < size)
            throw new ArgumentException($"states holds {states.Length} floats, fewer than {batch.TokenCount} tokens × {Config.ModelDimension}.", nameof(states));
        EnsureCapacity(batch, training: false);
        Forward(batch, training: false, computeLoss: false);
        _hidden.AsSpan(0, size).CopyTo(states);
    }
}
