// TokenBatch: rows, lengths, padding rules and the packed layout the engine computes on.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Tests.Model;

public sealed class TokenBatchTests
{
    [Fact]
    public void Packs_rows_back_to_back_and_pads_the_matrix_with_zeros()
    {
        var batch = new TokenBatch(3, 4);
        batch.Add([5, 6, 7], 1);
        batch.Add([], 0);
        batch.Add([8], 2);
        Assert.Equal(3, batch.Count);
        Assert.Equal(3, batch.PaddedLength);
        Assert.Equal(4, batch.TokenCount);
        Assert.Equal([3, 0, 1], batch.Lengths.ToArray());
        Assert.Equal([1, 0, 2], batch.Labels.ToArray());
        Assert.Equal([5, 6, 7, 0, 0, 0, 0, 0, 8, 0, 0, 0], batch.PaddedIds.ToArray());
        Assert.Equal([5, 6, 7, 8], batch.PackedIds.ToArray());
        Assert.Equal([0, 1, 2, 0], batch.Positions.ToArray());
        Assert.Equal([0, 3, 3, 4], batch.Offsets.ToArray());
        Assert.Equal([0L, 9, 9, 10], batch.SquareOffsets.ToArray());

        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.True(batch.PaddedIds.IndexOfAnyExcept(0) < 0, "Clear must reset the padded matrix");
    }

    [Fact]
    public void SetPadded_reads_the_reference_layout_and_rejects_tokens_after_padding()
    {
        var batch = new TokenBatch(2, 3);
        batch.SetPadded([4, 5, 0, 6, 0, 0], 2, 3, [1, 0]);
        Assert.Equal([2, 1], batch.Lengths.ToArray());
        Assert.Equal("paddedIds", Assert.Throws<ArgumentException>(() => batch.SetPadded([4, 0, 5, 6, 0, 0], 2, 3, [1, 0])).ParamName);
    }

    [Fact]
    public void Invalid_rows_are_rejected()
    {
        var batch = new TokenBatch(1, 2);
        Assert.Equal("tokenIds", Assert.Throws<ArgumentException>(() => batch.Add([1, 2, 3])).ParamName);
        Assert.Equal("tokenIds", Assert.Throws<ArgumentException>(() => batch.Add([1, 0])).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => batch.Add([1], -2)).ParamName);
        batch.Add([1]);
        Assert.Throws<InvalidOperationException>(() => batch.Add([1]));
        Assert.Equal("capacity", Assert.Throws<ArgumentException>(() => new TokenBatch(0, 4)).ParamName);
    }

    [Fact]
    public void Separate_bag_ids_are_packed_beside_the_encoder_rows_and_checked()
    {
        var batch = new TokenBatch(2, 2, maxBagLength: 5);
        Assert.True(batch.HasBagIds);
        batch.Add([5, 6], [5, 6, 7, 8, 9], 1);
        batch.Add([4], [], 0);
        Assert.Equal([5, 6, 4], batch.PackedIds.ToArray());
        Assert.Equal([5, 6, 7, 8, 9], batch.BagIds.ToArray());
        Assert.Equal([0, 5, 5], batch.BagOffsets.ToArray());
        batch.Clear();
        Assert.Equal("bagIds", Assert.Throws<ArgumentException>(() => batch.Add([1], [1, 2, 3, 4, 5, 6])).ParamName);
        Assert.Equal("bagIds", Assert.Throws<ArgumentException>(() => batch.Add([1], [1, 0])).ParamName);
        Assert.Equal(0, batch.Count); // a rejected row adds nothing
        Assert.Equal("maxBagLength", Assert.Throws<ArgumentException>(() => new TokenBatch(1, 4, -1)).ParamName);

        var plain = new TokenBatch(1, 3);
        plain.Add([7, 8]);
        Assert.False(plain.HasBagIds);
        Assert.Equal([7, 8], plain.BagIds.ToArray()); // without bag ids the bag reads the encoder's
    }
}
