// GELU forward and backward (exact erf form) against the double-precision naive twin for every
// length 0..256 (the SIMD body and the scalar tail), in place, and at special values.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Tests.TestSupport;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class GeluTests
{
    [Fact]
    public void Forward_and_backward_match_the_naive_twin_for_every_length_0_to_256()
    {
        for (int n = 0; n <= 256; n++)
        {
            float[] x = TestData.Uniform(n, seed: 100 + n, low: -6f, high: 6f);
            float[] dy = TestData.Uniform(n, seed: 500 + n);
            float[] y = new float[n], yRef = new float[n], dx = new float[n], dxRef = new float[n];
            Gelu.Forward(y, x);
            NaiveKernels.GeluForward(yRef, x);
            Gelu.Backward(dx, dy, x);
            NaiveKernels.GeluBackward(dxRef, dy, x);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(y[i] - yRef[i]) <= 1e-6 * Math.Max(1, Math.Abs(yRef[i])), $"forward n={n} i={i}: {y[i]} vs {yRef[i]}");
                Assert.True(Math.Abs(dx[i] - dxRef[i]) <= 1e-6 * Math.Max(1, Math.Abs(dxRef[i])), $"backward n={n} i={i}: {dx[i]} vs {dxRef[i]}");
            }
            float[] inPlace = (float[])x.Clone();
            Gelu.Forward(inPlace, inPlace);
            Assert.Equal(y, inPlace);
        }
    }

    [Fact]
    public void Is_the_erf_form_not_the_tanh_approximation()
    {
        // At x = 1 the exact GELU is 0.841344746...; the tanh approximation gives 0.841191990...
        var y = new float[1];
        Gelu.Forward(y, [1f]);
        Assert.Equal(0.8413447f, y[0], 1e-6f);
    }

    [Fact]
    public void Saturates_without_overflow()
    {
        float[] x = [-1e4f, -40f, 40f, 1e4f, float.NegativeInfinity];
        var y = new float[x.Length];
        var dx = new float[x.Length];
        Gelu.Forward(y, x.AsSpan(0, 4));
        Gelu.Backward(dx, [1f, 1f, 1f, 1f], x.AsSpan(0, 4));
        Assert.Equal([0f, 0f, 40f, 1e4f], y.AsSpan(0, 4).ToArray());
        Assert.Equal([0f, 0f, 1f, 1f], dx.AsSpan(0, 4).ToArray());
    }
}
