// Inverted dropout (Srivastava et al. 2014, as torch.nn.functional.dropout): each element is zeroed
// with probability p and the survivors are scaled by 1/(1 − p), so the expectation is unchanged and
// inference needs no rescaling. The mask is materialised as floats (0 or 1/(1 − p)) and kept for the
// backward pass, where dx = dy ∘ mask. Draw i of a mask is SplitMix64.At(key, firstIndex + i): any
// slice can be filled independently, which makes masks identical for every thread count. With
// AVX-512DQ (64-bit lane multiplies) sixteen draws are hashed at a time, bit-identical to the scalar
// SplitMix64.At, since both use the same wrapping 64-bit arithmetic.
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        ulong threshold = Threshold(probability);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Avx512DQ.IsSupported)
            i = FillMask512(mask, threshold, keep, streamKey, firstIndex);
        for (; i < mask.Length; i++)
        {
            ulong bits = SplitMix64.At(streamKey, firstIndex + i) >> 40;
            mask[i] = bits < threshold ? 0f : keep;
        }
    }

    /// <summary>
    /// Word dropout: replaces each of <paramref name="ids"/> by <paramref name="replacement"/> (the
    /// unknown token) with probability <paramref name="probability"/>, by the same draws and threshold
    /// as <see cref="FillMask"/>; element i uses draw i of stream <paramref name="streamKey"/>.
    /// </summary>
    public static void DropIds(Span<int> ids, float probability, int replacement, ulong streamKey)
    {
        if (!(probability >= 0f && probability < 1f))
            throw new ArgumentException($"dropout probability must be in [0, 1), got {probability}.", nameof(probability));
        ulong threshold = Threshold(probability);
        for (int i = 0; i < ids.Length; i++)
        {
            if (SplitMix64.At(streamKey, i) >> 40 < threshold) ids[i] = replacement;
        }
    }

    // u = bits/2^24 < p  ⇔  bits < ⌈p·2^24⌉ for integer bits: drop probability ⌈p·2^24⌉/2^24.
    private static ulong Threshold(float probability) => (ulong)Math.Ceiling(probability * (double)(1 << 24));

    // Sixteen draws per iteration: two vectors of eight 64-bit counters, hashed, compared with the
    // threshold, narrowed to one vector of sixteen 32-bit lane masks. Returns the elements filled.
    private static int FillMask512(Span<float> mask, ulong threshold, float keep, ulong streamKey, long firstIndex)
    {
        const int Lanes = 8;
        var gamma = Vector512.Create(SplitMix64.Gamma);
        var limit = Vector512.Create(threshold);
        var keepVector = Vector512.Create(keep);
        var step = Vector512.Create(unchecked(2UL * Lanes * SplitMix64.Gamma));
        // z_i = key + (firstIndex + i + 1)·γ for lanes i = 0..7 (low) and 8..15 (high).
        var laneIndex = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8);
        Vector512<ulong> low = Vector512.Create(streamKey + (ulong)firstIndex * SplitMix64.Gamma) + laneIndex * gamma;
        Vector512<ulong> high = low + Vector512.Create(unchecked((ulong)Lanes * SplitMix64.Gamma));
        int i = 0;
        for (; i <= mask.Length - 2 * Lanes; i += 2 * Lanes)
        {
            Vector512<ulong> dropLow = Vector512.LessThan(Vector512.ShiftRightLogical(Mix(low), 40), limit);
            Vector512<ulong> dropHigh = Vector512.LessThan(Vector512.ShiftRightLogical(Mix(high), 40), limit);
            Vector512<float> drop = Vector512.Narrow(dropLow, dropHigh).AsSingle();
            Vector512.ConditionalSelect(drop, Vector512<float>.Zero, keepVector).CopyTo(mask.Slice(i));
            low += step;
            high += step;
        }
        return i;
    }

    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    /// <summary>y = x ∘ mask (forward) — also dx = dy ∘ mask (backward). Spans may alias.</summary>
    public static void Apply(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> mask)
    {
        if (input.Length != mask.Length || output.Length != mask.Length)
            throw new ArgumentException($"lengths differ: output {output.Length}, input {input.Length}, mask {mask.Length}.", nameof(output));
        TensorPrimitives.Multiply(input, mask, output);
    }
}
