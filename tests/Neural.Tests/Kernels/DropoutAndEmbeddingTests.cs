// Dropout masks (counter-based SplitMix64) and embedding gather/scatter against their naive twins,
// plus the properties the engine relies on: reference SplitMix64 outputs, drop rate ≈ p, survivors
// scaled by 1/(1 − p), a mask filled in slices equal to the mask filled at once, and word dropout
// drawing the same ids as a mask of its stream.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Tests.TestSupport;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class DropoutAndEmbeddingTests
{
    [Fact]
    public void SplitMix64_gives_the_published_sequence_for_seed_0()
    {
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.At(0, 2)); // counter form = sequential form
    }

    [Fact]
    public void Mask_matches_the_naive_twin_for_every_length_0_to_256()
    {
        for (int n = 0; n <= 256; n++)
        {
            float[] mask = new float[n], reference = new float[n];
            Dropout.FillMask(mask, 0.3f, streamKey: 42UL + (ulong)n, firstIndex: 7);
            NaiveKernels.DropoutMask(reference, 0.3f, 42UL + (ulong)n, 7);
            Assert.Equal(reference, mask);
        }
    }

    [Theory]
    [InlineData(0.05f)]
    [InlineData(0.5f)]
    public void Word_dropout_drops_exactly_the_ids_a_mask_of_the_same_stream_drops(float p)
    {
        const int n = 10_000, unknown = -1;
        int[] ids = Enumerable.Range(0, n).ToArray();
        var mask = new float[n];
        Dropout.DropIds(ids, p, unknown, streamKey: 77);
        Dropout.FillMask(mask, p, streamKey: 77);
        for (int i = 0; i < n; i++) Assert.Equal(mask[i] == 0f ? unknown : i, ids[i]);
        Assert.Contains(unknown, ids);
        Assert.Equal("probability", Assert.Throws<ArgumentException>(() => Dropout.DropIds(ids, 1f, unknown, 0)).ParamName);
    }

    [Theory]
    [InlineData(0.0f)]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void Drop_rate_and_scale_are_right(float p)
    {
        const int n = 200_000;
        var mask = new float[n];
        Dropout.FillMask(mask, p, streamKey: 12345);
        int dropped = mask.Count(m => m == 0f);
        Assert.All(mask, m => Assert.True(m == 0f || m == 1f / (1f - p)));
        double rate = dropped / (double)n, sigma = Math.Sqrt(p * (1 - p) / n);
        Assert.True(Math.Abs(rate - p) <= 5 * sigma + 1e-12, $"rate {rate} for p {p}");
    }

    [Fact]
    public void Slices_filled_separately_equal_the_whole_mask()
    {
        var whole = new float[1000];
        var pieces = new float[1000];
        Dropout.FillMask(whole, 0.25f, 99);
        for (int start = 0; start < 1000; start += 137)
            Dropout.FillMask(pieces.AsSpan(start, Math.Min(137, 1000 - start)), 0.25f, 99, start);
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Invalid_probability_is_rejected()
    {
        Assert.Equal("probability", Assert.Throws<ArgumentException>(() => Dropout.FillMask(new float[4], 1f, 0)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentException>(() => Dropout.FillMask(new float[4], float.NaN, 0)).ParamName);
    }

    [Fact]
    public void Gather_and_scatter_add_match_the_naive_twins_for_every_width_1_to_256()
    {
        int[] ids = [3, 0, 3, 5, 1, 3];
        for (int C = 1; C <= 256; C++)
        {
            float[] table = TestData.Uniform(6 * C, seed: C);
            float[] rows = new float[ids.Length * C], rowsRef = new float[ids.Length * C];
            EmbeddingKernel.Gather(rows, ids, table, C);
            NaiveKernels.EmbeddingGather(rowsRef, ids, table, C);
            Assert.Equal(rowsRef, rows);

            float[] d = TestData.Uniform(ids.Length * C, seed: 77 + C);
            float[] dtable = TestData.Uniform(6 * C, seed: 99 + C), dtableRef = (float[])dtable.Clone();
            EmbeddingKernel.ScatterAdd(dtable, d, ids, C);
            NaiveKernels.EmbeddingScatterAdd(dtableRef, d, ids, C);
            for (int i = 0; i < dtable.Length; i++) Assert.Equal(dtableRef[i], dtable[i], 1e-6f);
        }
    }

    [Fact]
    public void Out_of_range_ids_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => EmbeddingKernel.Gather(new float[4], [0, 2], new float[4], 2));
        Assert.Equal("ids", e.ParamName);
    }
}
