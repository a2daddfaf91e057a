// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"), used two
// ways: as a sequential generator for parameter initialisation and stream keys, and as a
// counter-based generator for dropout, where draw i of a stream is Mix(key + (i + 1)·γ). The
// counter form is what makes dropout masks independent of how work is split over threads: any
// element can be drawn without drawing the ones before it, so the same seed and step give the same
// masks for every thread count.
namespace MlNetAttention.Neural.Kernels;

public struct SplitMix64
{
    /// <summary>The golden-ratio increment γ of SplitMix64.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The output function: a bijective 64-bit finaliser (variant 13 of Stafford's mixers).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Draw <paramref name="index"/> (0-based) of the stream whose seed is <paramref name="key"/>;
    /// equal to the (index+1)-th NextUInt64() of <c>new SplitMix64(key)</c>.</summary>
    public static ulong At(ulong key, long index) => Mix(key + (ulong)(index + 1) * Gamma);

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 24 random bits (every value exactly representable in float).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal draw (Box–Muller in double; one of the pair is discarded for simplicity).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
