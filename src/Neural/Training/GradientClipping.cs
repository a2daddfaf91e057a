// Global gradient-norm clipping with torch.nn.utils.clip_grad_norm_ semantics (PyTorch 1.13):
//   total = ‖g‖₂ over all parameters;  coef = maxNorm / (total + 1e-6);  if coef < 1: g ← g·coef.
// The sum of squares is accumulated in double over fixed chunks in order, so the norm is the same
// for any thread count.
using System.Numerics.Tensors;

namespace MlNetAttention.Neural.Training;

public static class GradientClipping
{
    private const int ChunkLength = 4096;

    /// <summary>The 2-norm of <paramref name="gradients"/>, float sums of fixed chunks added in double.</summary>
    public static double GlobalNorm(ReadOnlySpan<float> gradients)
    {
        double sum = 0;
        for (int s = 0; s < gradients.Length; s += ChunkLength)
            sum += TensorPrimitives.SumOfSquares(gradients.Slice(s, Math.Min(ChunkLength, gradients.Length - s)));
        return Math.Sqrt(sum);
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
