// The float erf against the double-precision naive erf (itself checked against tabulated values),
// over a dense grid, special values, and the SIMD and scalar paths for every length 0..256.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Tests.TestSupport;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class ErfTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.52049987781304654)]  // Abramowitz & Stegun table 7.1
    [InlineData(1.0, 0.84270079294971487)]
    [InlineData(2.0, 0.99532226501895273)]
    [InlineData(3.0, 0.99997790950300141)]
    [InlineData(-1.5, -0.96610514647531073)]
    public void Naive_erf_matches_tabulated_values(double x, double expected) =>
        Assert.Equal(expected, NaiveKernels.Erf(x), 1e-14);

    [Fact]
    public void Float_erf_is_within_1_5e_minus_7_of_the_double_erf_on_a_dense_grid()
    {
        double worst = 0;
        for (int i = -600_000; i <= 600_000; i++)
        {
            float x = i * 1e-5f;
            worst = Math.Max(worst, Math.Abs(Erf.Compute(x) - NaiveKernels.Erf(x)));
        }
        Assert.True(worst <= 1.5e-7, $"max |error| {worst:E3}");
    }

    [Fact]
    public void Every_vector_width_agrees_with_the_double_erf()
    {
        // The span overload takes the widest width the machine has; call each width directly so the
        // 256-bit path is covered on AVX-512 machines too (the scalar path is covered above).
        float[] x = TestData.Uniform(64, seed: 11, low: -4.5f, high: 4.5f);
        x[0] = 0.75f; x[1] = -0.75f; x[2] = 0.7499999f; x[3] = 3.95f; // branch point and saturation
        for (int i = 0; i < x.Length; i += 16)
        {
            var wide = Erf.Compute(System.Runtime.Intrinsics.Vector512.Create(x.AsSpan(i, 16)));
            for (int j = 0; j < 16; j++) Assert.True(Math.Abs(wide[j] - NaiveKernels.Erf(x[i + j])) <= 1.5e-7, $"512-bit lane {j}");
            var narrow = Erf.Compute(System.Runtime.Intrinsics.Vector256.Create(x.AsSpan(i, 8)));
            for (int j = 0; j < 8; j++) Assert.True(Math.Abs(narrow[j] - NaiveKernels.Erf(x[i + j])) <= 1.5e-7, $"256-bit lane {j}");
        }
    }

    [Fact]
    public void Special_values()
    {
        Assert.Equal(1f, Erf.Compute(float.PositiveInfinity));
        Assert.Equal(-1f, Erf.Compute(float.NegativeInfinity));
        Assert.True(float.IsNaN(Erf.Compute(float.NaN)));
        Assert.Equal(1f, Erf.Compute(1e30f));
        Assert.Equal(0f, Erf.Compute(0f));
        Assert.True(float.IsNegative(Erf.Compute(-0f)));
        Assert.Equal(1.1283791670955126e-20, Erf.Compute(1e-20f), 2e-7 * 1.13e-20); // erf(x) ≈ 2x/√π near 0
    }

    [Fact]
    public void Span_version_equals_the_scalar_within_rounding_for_every_length_0_to_256()
    {
        for (int n = 0; n <= 256; n++)
        {
            float[] x = TestData.Uniform(n, seed: n, low: -5f, high: 5f);
            var y = new float[n];
            Erf.Compute(x, y);
            for (int i = 0; i < n; i++) Assert.True(Math.Abs(y[i] - NaiveKernels.Erf(x[i])) <= 1.5e-7, $"n={n}, i={i}, x={x[i]}");
            Erf.Compute(x, x); // in place
            Assert.Equal(y, x);
        }
    }
}
