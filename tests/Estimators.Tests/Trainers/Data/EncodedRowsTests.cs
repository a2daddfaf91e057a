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
}
