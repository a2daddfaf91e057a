// Row operations: Cache (filled once, can shuffle, ids stable), ShuffleRows (a permutation,
// deterministic per seed, new order per Random), SkipRows/TakeRows, FilterRowsByMissingValues.
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Operations;

public sealed class RowOperationsTests
{
    public sealed class Item
    {
        public int Id { get; set; }
        public float Value { get; set; }
        [VectorType(2)] public float[] Pair { get; set; } = [0, 0];
        public string Text { get; set; } = "";
    }

    private sealed class CountingEnumerable(IEnumerable<Item> items) : IEnumerable<Item>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<Item> GetEnumerator()
        {
            Enumerations++;
            return items.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static List<Item> MakeItems(int n) => Enumerable.Range(0, n)
        .Select(i => new Item { Id = i, Value = i % 5 == 0 ? float.NaN : i, Pair = [i, i % 7 == 0 ? float.NaN : -i], Text = $"t{i}" })
        .ToList();

    private static int[] Ids(IDataView data) => DataViewValues.ReadColumn(data, "Id").Cast<int>().ToArray();

    [Fact]
    public void CacheReadsTheSourceOnceAndShufflesOnRequest()
    {
        var ml = new MLContext(seed: 1);
        var source = new CountingEnumerable(MakeItems(100));
        var cached = ml.Data.Cache(ml.Data.LoadFromEnumerable(source));
        Assert.True(cached.CanShuffle);
        Assert.Equal(100, cached.GetRowCount());
        Assert.Equal(Enumerable.Range(0, 100), Ids(cached));
        Assert.Equal(DataViewValues.ReadAll(ml.Data.LoadFromEnumerable(MakeItems(100))), DataViewValues.ReadAll(cached),
            new TableComparer());
        Assert.Equal(1, source.Enumerations);

        int[] Shuffled(int seed)
        {
            using var cursor = cached.GetRowCursor(cached.Schema, new Random(seed));
            var id = cursor.GetGetter<int>(cached.Schema["Id"]);
            var rowId = cursor.GetIdGetter();
            var ids = new List<int>();
            int value = 0;
            DataViewRowId r = default;
            while (cursor.MoveNext())
            {
                id(ref value);
                rowId(ref r);
                Assert.Equal((ulong)value, r.Low); // row ids stay the original positions
                ids.Add(value);
            }
            return ids.ToArray();
        }
        Assert.Equal(Enumerable.Range(0, 100), Shuffled(1).Order());
        Assert.NotEqual(Enumerable.Range(0, 100), Shuffled(1));
        Assert.Equal(Shuffled(1), Shuffled(1));
        Assert.NotEqual(Shuffled(1), Shuffled(2));
        Assert.Equal(1, source.Enumerations);
    }

    [Fact]
    public void CachedVectorsCannotBeCorruptedByACallerReusingItsBuffer()
    {
        var ml = new MLContext(seed: 1);
        var cached = ml.Data.Cache(ml.Data.LoadFromEnumerable(MakeItems(3)));
        using (var cursor = cached.GetRowCursor(cached.Schema))
        {
            var pair = cursor.GetGetter<VBuffer<float>>(cached.Schema["Pair"]);
            VBuffer<float> buffer = default;
            cursor.MoveNext();
            pair(ref buffer);
            var editor = VBufferEditor.Create(ref buffer, 2);
            editor.Values.Fill(999f); // the caller scribbles on its own buffer
        }
        var first = (object?[])DataViewValues.ReadColumn(cached, "Pair")[0]!;
        Assert.Equal(new object?[] { 0f, float.NaN }, first);
    }

    [Fact]
    public void ShuffleRowsIsADeterministicPermutation()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MakeItems(500));
        var shuffled = ml.Data.ShuffleRows(data, seed: 9, shufflePoolSize: 64);
        var once = Ids(shuffled);
        Assert.Equal(Enumerable.Range(0, 500), once.Order());
        Assert.NotEqual(Enumerable.Range(0, 500), once);
        Assert.Equal(once, Ids(shuffled));
        Assert.NotEqual(once, Ids(ml.Data.ShuffleRows(data, seed: 10, shufflePoolSize: 64)));
        // Over a cache the source is shuffled too: a full permutation, not only a local one.
        var full = Ids(ml.Data.ShuffleRows(ml.Data.Cache(data), seed: 9, shufflePoolSize: 1));
        Assert.Equal(Enumerable.Range(0, 500), full.Order());
        Assert.True(full.Take(10).Any(id => id >= 250), "A pool of one row over a shuffled cache should reach far rows early.");
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.ShuffleRows(data, shufflePoolSize: 0));
    }

    [Fact]
    public void SkipAndTakeSelectARange()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MakeItems(20));
        Assert.Equal(Enumerable.Range(5, 10), Ids(ml.Data.TakeRows(ml.Data.SkipRows(data, 5), 10)));
        Assert.Equal(10, ml.Data.TakeRows(ml.Data.SkipRows(data, 5), 10).GetRowCount());
        Assert.Empty(Ids(ml.Data.SkipRows(data, 100)));
        Assert.Equal(0, ml.Data.SkipRows(data, 100).GetRowCount());
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.TakeRows(data, -1));
    }

    [Fact]
    public void FilterRowsByMissingValuesDropsNaNsInScalarsAndVectors()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MakeItems(30));
        var expected = Enumerable.Range(0, 30).Where(i => i % 5 != 0 && i % 7 != 0);
        Assert.Equal(expected, Ids(ml.Data.FilterRowsByMissingValues(data, "Value", "Pair")));
        var wrong = Assert.Throws<SchemaMismatchException>(() => ml.Data.FilterRowsByMissingValues(data, "Text"));
        Assert.Contains("Column 'Text' has type Text", wrong.Message);
    }

    private sealed class TableComparer : IEqualityComparer<Dictionary<string, List<object?>>>
    {
        public bool Equals(Dictionary<string, List<object?>>? x, Dictionary<string, List<object?>>? y) =>
            x!.Count == y!.Count && x.All(p => y.TryGetValue(p.Key, out var other)
                && p.Value.Count == other.Count && p.Value.Zip(other).All(v => DataViewValues.Same(v.First, v.Second)));

        public int GetHashCode(Dictionary<string, List<object?>> obj) => obj.Count;
    }
}
