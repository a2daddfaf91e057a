// Random shapes for the oracle properties (FsCheck, fixed replay seed so a failure reproduces):
// batch 1–5, padded length 1–9 with every padding pattern (full rows, partly padded rows, one-token
// rows, empty rows), width = heads × head size with 1, 2 or 4 heads of 3–8 channels (one or two channels make every layer norm degenerate: x̂ is 0 or ±1 whatever the input, so every gradient through it is rounding noise on both sides), feed-forward
// widths that are and are not multiples of the width, 1–4 pooling hops, 2–5 classes.
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Tests.Oracle;

internal sealed record OracleShape(int[] Lengths, int T, int Heads, int HeadSize, int FeedForward, int Hops, int PoolingHidden,
    int Classes, int Seed)
{
    public int B => Lengths.Length;
    public int C => Heads * HeadSize;

    /// <summary>A batch with these row lengths, random ids in [1, vocabulary) and random labels.</summary>
    public TokenBatch Batch(int vocabulary)
    {
        var rng = new MlNetAttention.Neural.Kernels.SplitMix64((ulong)Seed * 7919UL + 1);
        var batch = new TokenBatch(B, T);
        foreach (int length in Lengths)
        {
            var ids = new int[length];
            for (int t = 0; t < length; t++) ids[t] = 1 + (int)(rng.NextUInt64() % (ulong)(vocabulary - 1));
            batch.Add(ids, (int)(rng.NextUInt64() % (ulong)Classes));
        }
        return batch;
    }

    public override string ToString() =>
        $"B={B} T={T} lengths=[{string.Join(",", Lengths)}] C={C} heads={Heads} FFN={FeedForward} hops={Hops} da={PoolingHidden} K={Classes} seed={Seed}";
}

internal static class OracleShapes
{
    /// <summary>Fixed replay: the same shapes on every run, so a failure is reproducible and no run is flaky.</summary>
    public static Config Seeded(int tests) => Config.QuickThrowOnFailure.WithMaxTest(tests).WithReplay(20261202UL, 0x9E3779B97F4A7C15UL);

    public static Gen<OracleShape> Shapes(bool allowEmptyRows = true) =>
        from B in Gen.Choose(1, 5)
        from T in Gen.Choose(1, 9)
        from lengths in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(T)), (4, Gen.Choose(1, T)), (allowEmptyRows ? 1 : 0, Gen.Constant(0))), B)
        from heads in Gen.Elements(1, 2, 4)
        from headSize in Gen.Choose(3, 8)
        from ffnFactor in Gen.Elements(1, 2, 4)
        from ffnExtra in Gen.Choose(0, 3)
        from hops in Gen.Choose(1, 4)
        from hidden in Gen.Choose(1, 8)
        from classes in Gen.Choose(2, 5)
        from seed in Gen.Choose(1, 1_000_000)
        select new OracleShape(WithARealToken(lengths, T), T, heads, headSize, ffnFactor * heads * headSize + ffnExtra, hops, hidden, classes, seed);

    /// <summary>At least one row has a token, so the batch has something to compute.</summary>
    private static int[] WithARealToken(int[] lengths, int T)
    {
        if (lengths.All(l => l == 0)) lengths[0] = T;
        return lengths;
    }
}
