// Layer-norm forward/backward against the double naive twin for every width 1..256, with a large
// common offset (catches E[x²] − E[x]² cancellation) and accumulation into existing gradients.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Tests.TestSupport;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class LayerNormKernelTests
{
    [Fact]
    public void Forward_and_backward_match_the_naive_twin_for_every_width_1_to_256()
    {
        const int rows = 3;
        for (int C = 1; C <= 256; C++)
        {
            float[] x = TestData.Uniform(rows * C, seed: C, low: 99f, high: 101f); // offset 100
            float[] w = TestData.Uniform(C, seed: 300 + C, low: 0.5f, high: 1.5f);
            float[] b = TestData.Uniform(C, seed: 600 + C);
            float[] dy = TestData.Uniform(rows * C, seed: 900 + C);
            float[] y = new float[rows * C], yRef = new float[rows * C];
            float[] mean = new float[rows], rstd = new float[rows], meanRef = new float[rows], rstdRef = new float[rows];
            LayerNormKernel.Forward(y, mean, rstd, x, w, b, rows, C, 1e-5f);
            NaiveKernels.LayerNormForward(yRef, meanRef, rstdRef, x, w, b, rows, C, 1e-5f);
            for (int i = 0; i < rows * C; i++)
                Assert.True(Math.Abs(y[i] - yRef[i]) <= 2e-4, $"forward C={C} i={i}: {y[i]} vs {yRef[i]}"); // x − mean loses ~7 bits at offset 100

            // Gradients start non-zero: backward must accumulate.
            float[] dx = Enumerable.Repeat(0.25f, rows * C).ToArray(), dxRef = (float[])dx.Clone();
            float[] dw = Enumerable.Repeat(0.5f, C).ToArray(), dwRef = (float[])dw.Clone();
            float[] db = Enumerable.Repeat(-0.5f, C).ToArray(), dbRef = (float[])db.Clone();
            LayerNormKernel.Backward(dx, dw, db, dy, x, w, mean, rstd, rows, C, new float[2 * C]);
            NaiveKernels.LayerNormBackward(dxRef, dwRef, dbRef, dy, x, w, meanRef, rstdRef, rows, C);
            for (int i = 0; i < rows * C; i++)
                Assert.True(Math.Abs(dx[i] - dxRef[i]) <= 5e-3 * Math.Max(1, Math.Abs(dxRef[i])), $"dx C={C} i={i}: {dx[i]} vs {dxRef[i]}");
            for (int c = 0; c < C; c++)
            {
                Assert.True(Math.Abs(dw[c] - dwRef[c]) <= 2e-4, $"dweight C={C} c={c}");
                Assert.True(Math.Abs(db[c] - dbRef[c]) <= 1e-6, $"dbias C={C} c={c}");
            }
        }
    }

    [Fact]
    public void Normalised_rows_have_zero_mean_and_unit_variance()
    {
        const int C = 64;
        float[] x = TestData.Normal(C, seed: 7, scale: 30f);
        float[] y = new float[C], mean = new float[1], rstd = new float[1];
        LayerNormKernel.Forward(y, mean, rstd, x, Enumerable.Repeat(1f, C).ToArray(), new float[C], 1, C, 1e-5f);
        Assert.Equal(0.0, y.Average(v => (double)v), 1e-6);
        Assert.Equal(1.0, y.Average(v => (double)v * v), 1e-4);
    }

    [Fact]
    public void Bad_shapes_are_rejected_with_the_parameter_named()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LayerNormKernel.Forward(new float[8], new float[2], new float[2], new float[8], new float[3], new float[4], 2, 4, 1e-5f));
        Assert.Equal("channels", e.ParamName);
    }
}
