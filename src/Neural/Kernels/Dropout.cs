// Inverted dropout (Srivastava et al. 2014, as torch.nn.functional.dropout): each element is zeroed
// with probability p and the survivors are scaled by 1/(1 − p), so the expectation is unchanged and
// inference needs no rescaling. The mask is materialised as floats (0 or 1/(1 − p)) and kept for the
// backward pass, where dx = dy ∘ mask. Draw i of a mask is SplitMix64.At(key, firstIndex + i): any
// slice can be filled independently, which makes masks identical for every thread count.
using System.Numerics.Tensors;

namespace MlNetAttention.Neural.Kernels;

public static class Dropout
{
    /// <summary>
    /// Fills <paramref name="mask"/> with 0 (probability <paramref name="probability"/>) or 1/(1 − p).
    /// Element i uses draw <paramref name="firstIndex"/> + i of stream <paramref name="streamKey"/>.
    /// </summary>
    public static void FillMask(Span<float> mask, float probability, ulong streamKey, long firstIndex = 0)
    {
        if (!(probability >= 0f && probability < 1f))
            throw new ArgumentException($"dropout probability must be in [0, 1), got {probability}.", nameof(probability));
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        float keep = 1f / (1f - probability);
        // u = bits/2^24 < p  ⇔  bits < ⌈p·2^24⌉ for integer bits: drop probability ⌈p·2^24⌉/2^24.
        ulong threshold = (ulong)Math.Ceiling(probability * (double)(1 << 24));
        for (int i = 0; i < mask.Length; i++)
        {
            ulong bits = SplitMix64.At(streamKey, firstIndex + i) >> 40;
            mask[i] = bits < threshold ? 0f : keep;
        }
    }

    /// <summary>y = x ∘ mask (forward) — also dx = dy ∘ mask (backward). Spans may alias.</summary>
    public static void Apply(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> mask)
    {
        if (input.Length != mask.Length || output.Length != mask.Length)
            throw new ArgumentException($"lengths differ: output {output.Length}, input {input.Length}, mask {mask.Length}.", nameof(output));
        TensorPrimitives.Multiply(input, mask, output);
    }
}
