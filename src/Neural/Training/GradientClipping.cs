// Global gradient-norm clipping with torch.nn.utils.clip_grad_norm_ semantics (PyTorch 1.13):
//   total = ‖g‖₂ over all parameters;  coef = maxNorm / (total + 1e-6);  if coef < 1: g ← g·coef.
// The sum of squares is accumulated in double over fixed chunks in order, so the norm is the same
// for any thread count. With a TouchedRows set, the table it names is known to be zero outside the
// touched rows, so only those rows are read and scaled (the same norm up to the float rounding of
// the chunk sums, for a fraction of the work).
using System.Numerics.Tensors;

namespace MlNetAttention.Neural.Training;

public static class GradientClipping
{
    private const int ChunkLength = 4096;

    /// <summary>The 2-norm of <paramref name="gradients"/>, float sums of fixed chunks added in double.</summary>
    public static double GlobalNorm(ReadOnlySpan<float> gradients) => Math.Sqrt(SumOfSquares(gradients));

    private static double SumOfSquares(ReadOnlySpan<float> gradients)
    {
        double sum = 0;
        for (int s = 0; s < gradients.Length; s += ChunkLength)
            sum += TensorPrimitives.SumOfSquares(gradients.Slice(s, Math.Min(ChunkLength, gradients.Length - s)));
        return sum;
    }

    /// <summary>
    /// The 2-norm of <paramref name="gradients"/> (the whole arena's), reading of the table that
    /// <paramref name="sparse"/> names only its touched rows (the rest of that table must be zero).
    /// </summary>
    public static double GlobalNorm(ReadOnlySpan<float> gradients, TouchedRows? sparse)
    {
        if (sparse is null) return GlobalNorm(gradients);
        double sum = 0;
        foreach (var (offset, length) in sparse.LiveRangesOf(gradients.Length)) sum += SumOfSquares(gradients.Slice(offset, length));
        return Math.Sqrt(sum);
    }

    /// <summary>ClipGlobalNorm for gradients that are zero in <paramref name="sparse"/>'s table outside its touched rows.</summary>
    public static double ClipGlobalNorm(Span<float> gradients, float maxNorm, TouchedRows? sparse)
    {
        if (!(maxNorm > 0f)) throw new ArgumentException($"maxNorm must be positive; got {maxNorm}.", nameof(maxNorm));
        if (sparse is null) return ClipGlobalNorm(gradients, maxNorm);
        double total = GlobalNorm(gradients, sparse);
        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient >= 1.0) return total;
        foreach (var (offset, length) in sparse.LiveRangesOf(gradients.Length))
        {
            Span<float> g = gradients.Slice(offset, length);
            TensorPrimitives.Multiply(g, (float)coefficient, g);
        }
        return total;
    }

    /// <summary>
    /// Scales <paramref name="gradients"/> so their global norm is at most <paramref name="maxNorm"/>
    /// (torch's 1e-6 guard included); returns the norm before clipping. maxNorm = +∞ only measures.
    /// </summary>
    public static double ClipGlobalNorm(Span<float> gradients, float maxNorm)
    {
        if (!(maxNorm > 0f)) throw new ArgumentException($"maxNorm must be positive; got {maxNorm}.", nameof(maxNorm));
        double total = GlobalNorm(gradients);
        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1.0) TensorPrimitives.Multiply(gradients, (float)coefficient, gradients);
        return total;
    }
}
