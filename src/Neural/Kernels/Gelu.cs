// GELU activation, forward and backward, with the EXACT erf formula that PyTorch's nn.GELU uses by
// default (approximate="none"; Hendrycks & Gimpel 2016):
//   gelu(x)  = x · Φ(x) = 0.5 · x · (1 + erf(x / √2))
//   gelu'(x) = Φ(x) + x · φ(x),   φ(x) = exp(−x²/2) / √(2π)
// Not the tanh approximation: the PyTorch reference (activation="gelu") is the erf form, and the two
// differ by up to 4.7e-4 (at |x| ≈ 2.7, computed in double over [−8, 8] in steps of 1e-5), more than
// the 1e-4 the golden-fixture tests allow.
// SIMD over Vector512 / Vector256 with a scalar tail; NaiveKernels.Gelu* is the double-precision twin.
using System.Runtime.Intrinsics;

namespace MlNetAttention.Neural.Kernels;

public static class Gelu
{
    private const float InverseSqrt2 = 0.70710678118654752f;
    private const float InverseSqrt2Pi = 0.39894228040143268f;

    /// <summary>y[i] = gelu(x[i]). <paramref name="y"/> may be the same span as <paramref name="x"/>.</summary>
    public static void Forward(Span<float> y, ReadOnlySpan<float> x)
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"output length {y.Length} is shorter than input length {x.Length}.", nameof(y));
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.Create(x.Slice(i, Vector512<float>.Count));
                var cdf = Vector512.FusedMultiplyAdd(Erf.Compute(v * InverseSqrt2), Vector512.Create(0.5f), Vector512.Create(0.5f));
                (v * cdf).CopyTo(y.Slice(i));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                var cdf = Vector256.FusedMultiplyAdd(Erf.Compute(v * InverseSqrt2), Vector256.Create(0.5f), Vector256.Create(0.5f));
                (v * cdf).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            float v = x[i];
            y[i] = v * MathF.FusedMultiplyAdd(Erf.Compute(v * InverseSqrt2), 0.5f, 0.5f);
        }
    }

    /// <summary>
    /// dx[i] = dy[i] · gelu'(x[i]) (overwrites dx; the caller owns accumulation). <paramref name="dx"/>
    /// may be the same span as <paramref name="dy"/>.
    /// </summary>
    public static void Backward(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> x)
    {
        if (dy.Length != x.Length)
            throw new ArgumentException($"gradient length {dy.Length} differs from input length {x.Length}.", nameof(dy));
        if (dx.Length < x.Length)
            throw new ArgumentException($"input-gradient length {dx.Length} is shorter than input length {x.Length}.", nameof(dx));
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.Create(x.Slice(i, Vector512<float>.Count));
                var cdf = Vector512.FusedMultiplyAdd(Erf.Compute(v * InverseSqrt2), Vector512.Create(0.5f), Vector512.Create(0.5f));
                var pdf = Vector512.Exp(v * v * -0.5f) * InverseSqrt2Pi;
                var slope = Vector512.FusedMultiplyAdd(v, pdf, cdf);
                (Vector512.Create(dy.Slice(i, Vector512<float>.Count)) * slope).CopyTo(dx.Slice(i));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                var cdf = Vector256.FusedMultiplyAdd(Erf.Compute(v * InverseSqrt2), Vector256.Create(0.5f), Vector256.Create(0.5f));
                var pdf = Vector256.Exp(v * v * -0.5f) * InverseSqrt2Pi;
                var slope = Vector256.FusedMultiplyAdd(v, pdf, cdf);
                (Vector256.Create(dy.Slice(i, Vector256<float>.Count)) * slope).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            float v = x[i];
            float cdf = MathF.FusedMultiplyAdd(Erf.Compute(v * InverseSqrt2), 0.5f, 0.5f);
            float pdf = MathF.Exp(v * v * -0.5f) * InverseSqrt2Pi;
            dx[i] = dy[i] * MathF.FusedMultiplyAdd(v, pdf, cdf);
        }
    }
}
