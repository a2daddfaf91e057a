// The column-list checks shared by the multi-column estimators (CopyColumns, MapKeyToValue,
// MapValueToKey, Concatenate, SelectColumns, DropColumns): a null list, an empty list and a
// null or blank entry are refused, naming the parameter and the bad entry; the estimator keeps a
// copy, so editing the caller's array afterwards changes nothing.
using MlNetAttention.Data;
using MlNetAttention.TestKit;
using MlNetAttention.Transforms;

namespace MlNetAttention.Transforms.Tests.Columns;

public sealed class ColumnArgumentsTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static void AssertRefused(Action make, string parameter, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ColumnPairListsMustBeGivenNonEmptyAndWithoutNullEntries()
    {
        AssertRefused(() => new ColumnCopyingEstimator(Ml, null!), "columns", "Value cannot be null");
        AssertRefused(() => Ml.Transforms.CopyColumns([]), "columns", "got none");
        AssertRefused(() => Ml.Transforms.CopyColumns([new("A"), null!]), "columns", "Column 1 of 2 is null");
        AssertRefused(() => Ml.Transforms.Conversion.MapKeyToValue([]), "columns", "got none");
        AssertRefused(() => Ml.Transforms.Conversion.MapKeyToValue([null!]), "columns", "Column 0 of 1 is null");
        AssertRefused(() => Ml.Transforms.Conversion.MapValueToKey(Array.Empty<ValueToKeyMappingEstimator.ColumnOptions>()), "columns", "got none");
        AssertRefused(() => Ml.Transforms.Conversion.MapValueToKey(new ValueToKeyMappingEstimator.ColumnOptions("A"), null!), "columns",
            "Column 1 of 2 is null");
    }

    [Fact]
    public void ColumnNameListsMustBeGivenNonEmptyAndWithoutBlankNames()
    {
        AssertRefused(() => Ml.Transforms.Concatenate("F"), "inputColumnNames", "got none");
        AssertRefused(() => Ml.Transforms.Concatenate("F", "A", " "), "inputColumnNames", "Column name 1 of 2 is empty or blank (' ')");
        AssertRefused(() => Ml.Transforms.Concatenate("F", "A", null!), "inputColumnNames", "Column name 1 of 2 is null");
        AssertRefused(() => Ml.Transforms.SelectColumns(), "keepColumns", "got none");
        AssertRefused(() => Ml.Transforms.DropColumns("A", ""), "dropColumns", "Column name 1 of 2 is empty or blank");
    }

    public sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
    }

    [Fact]
    public void EstimatorsKeepACopyOfTheCallersArray()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new Row { A = 1, B = 2 } });
        InputOutputColumnPair[] pairs = [new("C", "A")];
        var copy = Ml.Transforms.CopyColumns(pairs);
        string[] inputs = ["A", "B"];
        var concatenate = Ml.Transforms.Concatenate("F", inputs);
        pairs[0] = new("C", "B");
        inputs[1] = "A";

        Assert.Equal([1f], DataViewValues.ReadColumn(copy.Fit(data).Transform(data), "C"));
        Assert.Equal(new object?[] { 1f, 2f }, (object?[])DataViewValues.ReadColumn(concatenate.Fit(data).Transform(data), "F")[0]!);
    }
}
