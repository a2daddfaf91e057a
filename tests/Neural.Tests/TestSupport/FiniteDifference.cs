// Finite-difference gradient checks for float layers. The checked function is a scalar loss
// evaluated in double (typically Σ w ∘ output with fixed random w, so the analytic gradient is the
// backward pass with dOutput = w). Central differences with step h = 1e-2 have truncation error
// ~h²·f'''/6 and rounding error ~1e-7·|f|/h in float layers, so the stated tolerance is:
//   |numeric − analytic| ≤ 2e-2 · max(|numeric|, |analytic|) + 2e-3 · max_i |analytic_i|
// (2 % of the element, or 0.2 % of the tensor's largest gradient for elements near zero).
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.TestSupport;

internal static class FiniteDifference
{
    public const float Step = 1e-2f;
    public const double RelativeTolerance = 2e-2, ScaleTolerance = 2e-3;

    /// <summary>Checks up to <paramref name="checks"/> evenly spread elements of values[offset .. offset + analytic.Length).</summary>
    public static void AssertGradient(ITestOutputHelper output, string name, float[] values, int offset,
        ReadOnlySpan<float> analytic, Func<double> loss, int checks = 40, double scaleTolerance = ScaleTolerance)
    {
        double scale = 0;
        foreach (float g in analytic) scale = Math.Max(scale, Math.Abs(g));
        Assert.True(scale > 0, $"{name}: the analytic gradient is identically zero, the check would prove nothing.");
        int stride = Math.Max(1, analytic.Length / checks);
        double worst = 0;
        for (int i = 0; i < analytic.Length; i += stride)
        {
            float saved = values[offset + i];
            values[offset + i] = saved + Step;
            double plus = loss();
            values[offset + i] = saved - Step;
            double minus = loss();
            values[offset + i] = saved;
            double numeric = (plus - minus) / (2 * (double)Step);
            double error = Math.Abs(numeric - analytic[i]);
            double allowed = RelativeTolerance * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])) + scaleTolerance * scale;
            worst = Math.Max(worst, error / allowed);
            Assert.True(error <= allowed, $"{name}[{i}]: numeric {numeric:E4} vs analytic {analytic[i]:E4} (allowed {allowed:E2}).");
        }
        output.WriteLine($"{name,-40} |grad| scale {scale:E2}, worst error / allowed {worst:F3}");
    }

    /// <summary>Σ_i w_i · y_i in double.</summary>
    public static double Dot(ReadOnlySpan<float> w, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++) sum += (double)w[i] * y[i];
        return sum;
    }
}
