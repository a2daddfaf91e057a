// Numerically stable softmax over one row, forward and backward, on TensorPrimitives. The row maximum
// is subtracted before exp so large logits never overflow (exp(x − max) ≤ 1). A row whose entries are
// all −∞ (every position masked) yields zeros rather than NaN, so a fully masked row stays finite.
using System.Numerics.Tensors;

namespace MlNetAttention.Neural.Kernels;

public static class Softmax
{
    /// <summary>y = softmax(x) over the whole span; y may be the same span as x.</summary>
    public static void Forward(Span<float> y, ReadOnlySpan<float> x)
    {
        if (y.Length != x.Length)
            throw new ArgumentException($"output length {y.Length} differs from input length {x.Length}.", nameof(y));
        if (x.Length == 0) return;
        float max = TensorPrimitives.Max(x);
        if (float.IsNegativeInfinity(max))
        {
            y.Clear();
            return;
        }
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        float sum = TensorPrimitives.Sum(y); // ≥ 1: the maximum contributes exp(0)
        TensorPrimitives.Multiply(y, 1f / sum, y);
    }

    /// <summary>
    /// dx = y ∘ (dy − ⟨y, dy⟩), the Jacobian-vector product of softmax (overwrites dx; dx may be the
    /// same span as dy).
    /// </summary>
    public static void Backward(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> y)
    {
        if (dy.Length != y.Length || dx.Length != y.Length)
            throw new ArgumentException($"lengths differ: dx {dx.Length}, dy {dy.Length}, y {y.Length}.", nameof(dx));
        if (y.Length == 0) return;
        float dot = TensorPrimitives.Dot(y, dy);
        TensorPrimitives.Subtract(dy, dot, dx);
        TensorPrimitives.Multiply(dx, y, dx);
    }
}
