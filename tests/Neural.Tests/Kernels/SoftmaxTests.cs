// Row softmax forward/backward against the double naive twin for every length 0..256, with logits
// large enough to overflow exp without the max subtraction, rows with −∞ entries, and all-masked rows.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Tests.TestSupport;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class SoftmaxTests
{
    [Fact]
    public void Forward_and_backward_match_the_naive_twin_for_every_length_0_to_256()
    {
        for (int n = 0; n <= 256; n++)
        {
            float[] x = TestData.Uniform(n, seed: n, low: 80f, high: 120f); // exp(120) overflows float
            float[] dy = TestData.Uniform(n, seed: 1000 + n);
            float[] y = new float[n], yRef = new float[n], dx = new float[n], dxRef = new float[n];
            Softmax.Forward(y, x);
            NaiveKernels.SoftmaxForward(yRef, x);
            Softmax.Backward(dx, dy, y);
            NaiveKernels.SoftmaxBackward(dxRef, dy, yRef);
            double dotMagnitude = 0; // Σ |y·dy| bounds the rounding of the float dot product
            for (int i = 0; i < n; i++) dotMagnitude += Math.Abs((double)yRef[i] * dy[i]);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(y[i] - yRef[i]) <= 1e-6 * Math.Abs(yRef[i]) + 1e-9, $"forward n={n} i={i}");
                // dx = y·(dy − ⟨y, dy⟩) cancels when dy ≈ ⟨y, dy⟩: judge the error against the terms' size.
                double scale = yRef[i] * (Math.Abs(dy[i]) + dotMagnitude);
                Assert.True(Math.Abs(dx[i] - dxRef[i]) <= 4e-6 * scale + 1e-12, $"backward n={n} i={i}: {dx[i]} vs {dxRef[i]}");
            }
            if (n > 0) Assert.Equal(1.0, y.Sum(v => (double)v), 1e-5);
        }
    }

    [Fact]
    public void Masked_entries_get_zero_weight_and_a_fully_masked_row_stays_finite()
    {
        float[] x = [1f, float.NegativeInfinity, 2f, float.NegativeInfinity];
        var y = new float[4];
        Softmax.Forward(y, x);
        Assert.Equal(0f, y[1]);
        Assert.Equal(0f, y[3]);
        Assert.Equal(1f, y[0] + y[2], 1e-6f);

        float[] masked = [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity];
        var z = new float[3];
        Softmax.Forward(z, masked);
        Assert.Equal([0f, 0f, 0f], z);
    }

    [Fact]
    public void Works_in_place()
    {
        float[] x = TestData.Uniform(37, seed: 3, low: -5, high: 5);
        var expected = new float[37];
        Softmax.Forward(expected, x);
        Softmax.Forward(x, x);
        Assert.Equal(expected, x);
    }
}
