// The compact row store keeps every row's ids and label exactly as added, across many growths of its
// arrays (rows of varied length, empty ones included).
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers.Data;

public sealed class EncodedRowsTests
{
    [Fact]
    public void Rows_come_back_exactly_as_added_after_many_growths()
    {
        var rows = new EncodedRows();
        var random = new Random(3);
        var expected = new List<(int[] Ids, int Label)>();
        for (int r = 0; r < 5000; r++)
        {
            var ids = Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(1, 1000)).ToArray();
            int label = random.Next(7);
            rows.Add(ids, label);
            expected.Add((ids, label));
        }

        Assert.Equal(5000, rows.Count);
        Assert.Equal(expected.Sum(e => (long)e.Ids.Length), rows.TokenCount);
        for (int r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Ids, rows.Row(r).ToArray());
            Assert.Equal(expected[r].Ids.Length, rows.Length(r));
            Assert.Equal(expected[r].Label, rows.Label(r));
        }
    }

    [Fact]
    public void Bag_views_are_kept_beside_the_rows()
    {
        var rows = new EncodedRows(withBagViews: true);
        rows.Add([2, 3], [2, 3, 4, 5], 1);
        rows.Add([], [], 0);
        Assert.True(rows.HasBagViews);
        Assert.Equal([2, 3], rows.Row(0).ToArray());
        Assert.Equal([2, 3, 4, 5], rows.BagRow(0).ToArray());
        Assert.Equal(2, rows.TokenCount); // encoder tokens only
        Assert.Throws<InvalidOperationException>(() => rows.Add([1], 0));
        var plain = new EncodedRows();
        plain.Add([7], 0);
        Assert.Equal([7], plain.BagRow(0).ToArray()); // without views the bag reads the row
        Assert.Throws<InvalidOperationException>(() => plain.Add([1], [1], 0));
    }
}
