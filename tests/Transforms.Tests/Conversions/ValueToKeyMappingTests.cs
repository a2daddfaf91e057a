// MapValueToKey: keys by occurrence and by value, unseen and missing values to key 0, the KeyValues
// annotation (source type or text), vectors, the key cap, round trips through MapKeyToValue, the
// workout (schema prediction, bad input, save/load) and clear errors.
using MlNetAttention.Data;
using MlNetAttention.TestKit;
using MlNetAttention.Transforms;

namespace MlNetAttention.Transforms.Tests.Conversions;

public sealed class ValueToKeyMappingTests
{
    public sealed class Row
    {
        public string Label { get; set; } = "";
        public float Score { get; set; }
        public string[] Tags { get; set; } = [];
    }

    private static readonly Row[] Rows =
    [
        new() { Label = "sports", Score = 3, Tags = ["b", "a"] },
        new() { Label = "world", Score = 1, Tags = ["c"] },
        new() { Label = "sports", Score = float.NaN, Tags = [] },
        new() { Label = "", Score = 2, Tags = ["a", ""] },
        new() { Label = "business", Score = 1, Tags = ["a"] },
    ];

    private static IDataView Data(MLContext ml, IEnumerable<Row>? rows = null) => ml.Data.LoadFromEnumerable((rows ?? Rows).ToList());

    private static uint[] Keys(IDataView data, string column) => DataViewValues.ReadColumn(data, column).Cast<uint>().ToArray();

    private static string[] KeyValues(IDataView data, string column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        data.Schema[column].GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }

    [Fact]
    public void ByOccurrenceNumbersKeysInFirstSeenOrderAndEmptyTextIsMissing()
    {
        var ml = new MLContext(seed: 1);
        var output = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), output.Schema["Label"].Type);
        Assert.Equal(["sports", "world", "business"], KeyValues(output, "Label"));
        Assert.Equal([1u, 2u, 1u, 0u, 3u], Keys(output, "Label"));
    }

    [Fact]
    public void ByValueSortsTheKeys()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        var output = estimator.Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(["business", "sports", "world"], KeyValues(output, "Label"));
        Assert.Equal([2u, 3u, 2u, 0u, 1u], Keys(output, "Label"));
    }

    [Fact]
    public void UnseenValuesMapToTheMissingKey()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Data(ml));
        var other = Data(ml, [new Row { Label = "world" }, new Row { Label = "science" }, new Row { Label = "Sports" }]);
        Assert.Equal([2u, 0u, 0u], Keys(model.Transform(other), "Label"));
    }

    [Fact]
    public void NumbersMapWithNaNMissingAndKeyValuesOfTheSourceTypeOrText()
    {
        var ml = new MLContext(seed: 1);
        var output = ml.Transforms.Conversion.MapValueToKey("ScoreKey", "Score").Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal([1u, 2u, 0u, 3u, 2u], Keys(output, "ScoreKey"));
        VBuffer<float> values = default;
        output.Schema["ScoreKey"].GetKeyValues(ref values);
        Assert.Equal([3f, 1f, 2f], values.DenseValues());

        var asText = ml.Transforms.Conversion.MapValueToKey("ScoreKey", "Score", addKeyValueAnnotationsAsText: true)
            .Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(["3", "1", "2"], KeyValues(asText, "ScoreKey"));
    }

    [Fact]
    public void VectorsMapElementWise()
    {
        var ml = new MLContext(seed: 1);
        var output = ml.Transforms.Conversion.MapValueToKey("TagKeys", "Tags").Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(new VectorDataViewType(new KeyDataViewType(typeof(uint), 3)), output.Schema["TagKeys"].Type);
        Assert.Equal(["b", "a", "c"], KeyValues(output, "TagKeys"));
        var rows = DataViewValues.ReadColumn(output, "TagKeys").Cast<object?[]>().ToArray();
        Assert.Equal(new object?[] { 1u, 2u }, rows[0]);
        Assert.Empty(rows[2]);
        Assert.Equal(new object?[] { 2u, 0u }, rows[3]);
    }

    [Fact]
    public void MaximumNumberOfKeysKeepsTheFirstValuesSeen()
    {
        var ml = new MLContext(seed: 1);
        var output = ml.Transforms.Conversion.MapValueToKey("Label", maximumNumberOfKeys: 2).Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(["sports", "world"], KeyValues(output, "Label"));
        Assert.Equal([1u, 2u, 1u, 0u, 0u], Keys(output, "Label"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Conversion.MapValueToKey("Label", maximumNumberOfKeys: 0));
    }

    [Fact]
    public void KeyToValueInvertsValueToKey()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Key", "Label")
            .Append(ml.Transforms.Conversion.MapValueToKey("TagKeys", "Tags"))
            .Append(ml.Transforms.Conversion.MapKeyToValue("Back", "Key"))
            .Append(ml.Transforms.Conversion.MapKeyToValue("TagsBack", "TagKeys"));
        var output = pipeline.Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(["sports", "world", "sports", "", "business"], DataViewValues.ReadColumn(output, "Back"));
        Assert.Equal(new object?[] { "a", "" }, (object?[])DataViewValues.ReadColumn(output, "TagsBack")[3]!);
        Assert.Equal(TextDataViewType.Instance, output.Schema["Back"].Type);
    }

    [Fact]
    public void KeyToValueGivesMissingValuesForKeyZero()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Key", "Score").Append(ml.Transforms.Conversion.MapKeyToValue("Back", "Key"));
        var back = DataViewValues.ReadColumn(pipeline.Fit(Data(ml)).Transform(Data(ml)), "Back");
        Assert.Equal(new object?[] { 3f, 1f, float.NaN, 2f, 1f }, back.ToArray(), new SameComparer());
    }

    [Fact]
    public void ValueToKeyPassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        var badLabel = ml.Data.LoadFromEnumerable(new[] { new KeyLabel { Label = 1 } });
        EstimatorWorkout.Run(ml.Transforms.Conversion.MapValueToKey([new("Label"), new("TagKeys", "Tags"), new("ScoreKey", "Score")]),
            Data(ml), ml.Data.LoadFromEnumerable(new[] { new NoLabel() }), "Label", ml);
        EstimatorWorkout.Run(ml.Transforms.Conversion.MapValueToKey("Label", addKeyValueAnnotationsAsText: true,
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue), Data(ml), badLabel, "Label", ml);
    }

    [Fact]
    public void KeyToValuePassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Key", "Label").Fit(Data(ml)).Transform(Data(ml));
        EstimatorWorkout.Run(ml.Transforms.Conversion.MapKeyToValue("Back", "Key"), keyed, Data(ml), "Key", ml);
        // A key without KeyValues cannot be mapped back.
        var noValues = ml.Data.LoadFromEnumerable(new[] { new RawKey { Key = 1 } });
        var error = Assert.Throws<SchemaMismatchException>(() => ml.Transforms.Conversion.MapKeyToValue("Back", "Key").Fit(noValues));
        Assert.Contains("with a KeyValues annotation", error.Message);
    }

    [Fact]
    public void ClearErrorsForMissingWrongAndEmptyColumns()
    {
        var ml = new MLContext(seed: 1);
        var missing = Assert.Throws<SchemaMismatchException>(() => ml.Transforms.Conversion.MapValueToKey("K", "Nope").Fit(Data(ml)));
        Assert.Contains("Column 'Nope' not found in the input schema (available: Label, Score, Tags)", missing.Message);

        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Data(ml)).Transform(Data(ml));
        var wrong = Assert.Throws<SchemaMismatchException>(() => ml.Transforms.Conversion.MapValueToKey("Label").Fit(keyed));
        Assert.Contains("Column 'Label' has type Key<UInt32, 3>", wrong.Message);

        var allEmpty = Data(ml, [new Row { Label = "" }]);
        var empty = Assert.Throws<InvalidOperationException>(() => ml.Transforms.Conversion.MapValueToKey("Label").Fit(allEmpty));
        Assert.Contains("'Label' has no value to map", empty.Message);

        var fitted = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Data(ml));
        var numbers = ml.Data.LoadFromEnumerable(new[] { new NumberLabel { Label = 1 } });
        var mismatch = Assert.Throws<SchemaMismatchException>(() => fitted.Transform(numbers));
        Assert.Contains("Column 'Label' has type Single, but type Text", mismatch.Message);
    }

    public sealed class NoLabel { public float Score { get; set; } public string[] Tags { get; set; } = []; }
    public sealed class KeyLabel { [KeyType(3)] public uint Label { get; set; } }
    public sealed class NumberLabel { public float Label { get; set; } }
    public sealed class RawKey { [KeyType(4)] public uint Key { get; set; } }

    private sealed class SameComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => DataViewValues.Same(x, y);
        public int GetHashCode(object? obj) => 0;
    }
}
