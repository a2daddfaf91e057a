// TrainTestSplit: deterministic for a seed (and for an MLContext seed when none is given), a
// different seed gives a different split, the halves partition the data, the fraction is honoured
// within sampling error, and a sampling key keeps equal keys on one side.
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Operations;

public sealed class TrainTestSplitTests
{
    public sealed class Item
    {
        public int Id { get; set; }
        public string Group { get; set; } = "";
    }

    private static IDataView Items(MLContext ml, int count) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new Item { Id = i, Group = $"g{i % 97}" }).ToList());

    private static int[] Ids(IDataView data) => DataViewValues.ReadColumn(data, "Id").Cast<int>().ToArray();

    [Fact]
    public void SameSeedSameSplitDifferentSeedDifferentSplit()
    {
        var ml = new MLContext(seed: 1);
        var data = Items(ml, 2000);
        var a = ml.Data.TrainTestSplit(data, 0.25, seed: 42);
        var b = ml.Data.TrainTestSplit(data, 0.25, seed: 42);
        var c = ml.Data.TrainTestSplit(data, 0.25, seed: 43);
        Assert.Equal(Ids(a.TestSet), Ids(b.TestSet));
        Assert.Equal(Ids(a.TrainSet), Ids(b.TrainSet));
        Assert.NotEqual(Ids(a.TestSet), Ids(c.TestSet));
        // Reading a half twice gives the same rows (the split is a function of the row, not of the pass).
        Assert.Equal(Ids(a.TestSet), Ids(a.TestSet));
    }

    [Fact]
    public void WithoutASeedTheContextSeedMakesItReproducible()
    {
        int[] TestIds(int contextSeed)
        {
            var ml = new MLContext(contextSeed);
            return Ids(ml.Data.TrainTestSplit(Items(ml, 500), 0.3).TestSet);
        }
        Assert.Equal(TestIds(5), TestIds(5));
        Assert.NotEqual(TestIds(5), TestIds(6));
    }

    [Fact]
    public void HalvesPartitionTheRowsAndHonourTheFraction()
    {
        var ml = new MLContext(seed: 1);
        const int n = 10_000;
        var split = ml.Data.TrainTestSplit(Items(ml, n), testFraction: 0.2, seed: 7);
        var train = Ids(split.TrainSet);
        var test = Ids(split.TestSet);
        Assert.Equal(Enumerable.Range(0, n), train.Concat(test).Order());
        // Binomial(10000, 0.2) has a standard deviation of 40 rows; 5 sigma is 200.
        Assert.InRange(test.Length, 2000 - 200, 2000 + 200);
        // Order within each half is the source order.
        Assert.Equal(test.Order(), test);
    }

    [Fact]
    public void SamplingKeyKeepsEqualKeysTogether()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(Items(ml, 5000), 0.3, samplingKeyColumnName: "Group", seed: 3);
        var trainGroups = DataViewValues.ReadColumn(split.TrainSet, "Group").Cast<string>().ToHashSet();
        var testGroups = DataViewValues.ReadColumn(split.TestSet, "Group").Cast<string>().ToHashSet();
        Assert.Empty(trainGroups.Intersect(testGroups));
        Assert.Equal(97, trainGroups.Count + testGroups.Count);
        Assert.NotEmpty(testGroups);
    }

    [Fact]
    public void BadArgumentsAreRejectedWithClearErrors()
    {
        var ml = new MLContext(seed: 1);
        var data = Items(ml, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, double.NaN));
        var missing = Assert.Throws<SchemaMismatchException>(() => ml.Data.TrainTestSplit(data, 0.5, "NoSuchColumn"));
        Assert.Contains("Column 'NoSuchColumn' not found in the input schema (available: Id, Group)", missing.Message);
    }
}
