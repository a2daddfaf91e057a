// Small deterministic inputs for tests: seeded uniform and normal arrays.
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Tests.TestSupport;

internal static class TestData
{
    public static float[] Uniform(int length, int seed, float low = -1f, float high = 1f)
    {
        var rng = new SplitMix64((ulong)seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = low + (high - low) * rng.NextFloat();
        return values;
    }

    public static float[] Normal(int length, int seed, float scale = 1f)
    {
        var rng = new SplitMix64((ulong)seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = scale * (float)rng.NextNormal();
        return values;
    }
}
