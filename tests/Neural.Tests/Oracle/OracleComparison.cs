// Compares one of our tensors with libtorch's and, on failure, names the worst element: the tensor,
// the flat index, our value and the reference's, so a broken gradient is found without a debugger.
// Criterion, per element: |ours − ref| ≤ tolerance · max_j |ref_j| (the tensor's scale, as
// TestSupport/TensorComparison and llm.c's test_gpt2), so elements that are small only through
// cancellation are judged against the size of the tensor they belong to. Tolerances are stated by
// each caller, with the reason for their size.
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Oracle;

internal sealed class OracleComparison(ITestOutputHelper? output, string context)
{
    private readonly List<string> _failures = [];
    private double _worstRatio;
    private string _worst = "";

    /// <summary>Checks <paramref name="ours"/> against <paramref name="reference"/> (same length) and records the result.</summary>
    public void Check(string name, ReadOnlySpan<float> ours, ReadOnlySpan<float> reference, double tolerance)
    {
        if (ours.Length != reference.Length)
        {
            _failures.Add($"{name}: ours has {ours.Length} elements, the reference {reference.Length}");
            return;
        }
        double scale = 0;
        foreach (float r in reference) scale = Math.Max(scale, Math.Abs(r));
        double allowed = tolerance * Math.Max(scale, 1e-30);
        int worstIndex = -1;
        double worstError = -1;
        for (int i = 0; i < ours.Length; i++)
        {
            double error = Math.Abs((double)ours[i] - reference[i]);
            if (double.IsNaN(error)) error = double.PositiveInfinity;
            if (error > worstError) { worstError = error; worstIndex = i; }
        }
        if (worstIndex < 0) return;
        double ratio = worstError / allowed;
        string line = $"{name,-40} scale {scale:E2}  worst |diff| {worstError:E2} at [{worstIndex}] (ours {ours[worstIndex]:E6}, torch {reference[worstIndex]:E6})  = {ratio:F3} of allowed";
        output?.WriteLine(line);
        if (ratio > _worstRatio) { _worstRatio = ratio; _worst = line; }
        if (!(worstError <= allowed)) _failures.Add($"{line}  [tolerance {tolerance:E1} of scale]");
    }

    /// <summary>Fails with every tensor that exceeded its tolerance, the worst first.</summary>
    public void AssertAll()
    {
        output?.WriteLine($"{context}: worst {_worst}");
        if (_failures.Count == 0) return;
        Assert.Fail($"{context}: {_failures.Count} tensor(s) differ from libtorch:\n  " + string.Join("\n  ", _failures));
    }
}
