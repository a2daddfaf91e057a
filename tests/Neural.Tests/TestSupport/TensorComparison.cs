// Compares a tensor with its reference the way llm.c's test_gpt2 does: prints the largest absolute
// difference and the largest difference relative to the reference's scale, then asserts a tolerance.
// Scale-relative error: max_i |ours_i − ref_i| / max_i |ref_i| (the tensor's largest magnitude), so an
// element that is tiny only through cancellation is judged against the size of the tensor it is in.
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.TestSupport;

internal static class TensorComparison
{
    public static (double MaxAbs, double MaxScaleRelative) Difference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxAbs = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"element {i} is NaN");
            maxAbs = Math.Max(maxAbs, Math.Abs((double)actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs((double)expected[i]));
        }
        return (maxAbs, scale == 0 ? maxAbs : maxAbs / scale);
    }

    /// <summary>Prints "name: max abs …, max rel …" and asserts the scale-relative error ≤ tolerance
    /// (or an absolute error ≤ tolerance when the reference is all zeros).</summary>
    public static void AssertClose(ITestOutputHelper output, string name, ReadOnlySpan<float> actual,
        ReadOnlySpan<float> expected, double tolerance)
    {
        var (maxAbs, relative) = Difference(actual, expected);
        output.WriteLine($"{name,-44} max |diff| {maxAbs:E2}   max rel (to scale) {relative:E2}");
        Assert.True(relative <= tolerance, $"{name}: relative difference {relative:E3} exceeds {tolerance:E1} (max abs {maxAbs:E3}).");
    }
}
