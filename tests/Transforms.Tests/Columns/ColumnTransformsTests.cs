// CopyColumns, Concatenate, SelectColumns and DropColumns: values, schemas (slot names, sizes,
// hidden columns), the workout for each, and their errors.
using MlNetAttention.Data;
using MlNetAttention.TestKit;

namespace MlNetAttention.Transforms.Tests.Columns;

public sealed class ColumnTransformsTests
{
    public sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
        [VectorType(2)] public float[] Pair { get; set; } = [0, 0];
        public float[] Var { get; set; } = [];
        public string Text { get; set; } = "";
    }

    private static IDataView Data(MLContext ml) => ml.Data.LoadFromEnumerable(new List<Row>
    {
        new() { A = 1, B = 2, Pair = [3, 4], Var = [5], Text = "x" },
        new() { A = -1, B = float.NaN, Pair = [0, 1], Var = [], Text = "日本" },
    });

    public sealed class TextOnly { public string A { get; set; } = ""; public string Text { get; set; } = ""; }

    public sealed class OnlyText { public string Text { get; set; } = ""; }

    public sealed class TextA { public string A { get; set; } = ""; public float B { get; set; } [VectorType(2)] public float[] Pair { get; set; } = [0, 0]; }

    [Fact]
    public void ConcatenateJoinsScalarsAndVectorsWithSlotNames()
    {
        var ml = new MLContext(seed: 1);
        var output = ml.Transforms.Concatenate("Features", "A", "Pair", "B").Fit(Data(ml)).Transform(Data(ml));
        var column = output.Schema["Features"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), column.Type);
        Assert.Equal(new object?[] { 1f, 3f, 4f, 2f }, (object?[])DataViewValues.ReadColumn(output, "Features")[0]!);
        // Pair has no slot names, so the output has none either.
        Assert.False(column.HasSlotNames());

        var scalars = ml.Transforms.Concatenate("Features", "A", "B").Fit(Data(ml)).Transform(Data(ml));
        VBuffer<ReadOnlyMemory<char>> names = default;
        scalars.Schema["Features"].GetSlotNames(ref names);
        Assert.Equal(["A", "B"], names.DenseValues().Select(n => n.ToString()));
    }

    [Fact]
    public void ConcatenateWithAVariableInputIsVariable()
    {
        var ml = new MLContext(seed: 1);
        var output = ml.Transforms.Concatenate("All", "Var", "A").Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single), output.Schema["All"].Type);
        var rows = DataViewValues.ReadColumn(output, "All").Cast<object?[]>().ToArray();
        Assert.Equal(new object?[] { 5f, 1f }, rows[0]);
        Assert.Equal(new object?[] { -1f }, rows[1]);
    }

    [Fact]
    public void ConcatenatePassesTheWorkoutAndRejectsMixedTypes()
    {
        var ml = new MLContext(seed: 1);
        var textA = ml.Data.LoadFromEnumerable(new[] { new TextA { A = "a" } });
        EstimatorWorkout.Run(ml.Transforms.Concatenate("Features", "A", "Pair", "B"), Data(ml), textA, "A", ml);
        EstimatorWorkout.Run(ml.Transforms.Concatenate("A", "A", "B"), Data(ml), textA, "A", ml);
        var error = Assert.Throws<SchemaMismatchException>(() => ml.Transforms.Concatenate("F", "A", "Text").Fit(Data(ml)));
        Assert.Contains("Column 'Text' has type Text", error.Message);
        Assert.Throws<ArgumentException>(() => ml.Transforms.Concatenate("F"));
    }

    [Fact]
    public void CopyColumnsDuplicatesValuesTypesAndAnnotations()
    {
        var ml = new MLContext(seed: 1);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Key", "Text").Fit(Data(ml)).Transform(Data(ml));
        var output = ml.Transforms.CopyColumns("KeyCopy", "Key").Fit(keyed).Transform(keyed);
        Assert.Equal(output.Schema["Key"].Type, output.Schema["KeyCopy"].Type);
        Assert.True(output.Schema["KeyCopy"].HasKeyValues());
        Assert.Equal(DataViewValues.ReadColumn(output, "Key"), DataViewValues.ReadColumn(output, "KeyCopy"));
        EstimatorWorkout.Run(ml.Transforms.CopyColumns([new("KeyCopy", "Key"), new("PairCopy", "Pair")]), keyed, Data(ml), "Key", ml);
    }

    [Fact]
    public void SelectKeepsTheGivenColumnsInTheGivenOrder()
    {
        var ml = new MLContext(seed: 1);
        var output = ml.Transforms.SelectColumns("Text", "A").Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(["Text", "A"], output.Schema.Select(c => c.Name));
        Assert.Equal(["x", "日本"], DataViewValues.ReadColumn(output, "Text"));
        EstimatorWorkout.Run(ml.Transforms.SelectColumns("Text", "A"), Data(ml), ml.Data.LoadFromEnumerable(new[] { new OnlyText() }), "A", ml);
    }

    [Fact]
    public void SelectWithKeepHiddenKeepsReplacedColumns()
    {
        var ml = new MLContext(seed: 1);
        var replaced = ml.Transforms.Conversion.MapValueToKey("Text").Fit(Data(ml)).Transform(Data(ml));
        var hidden = ml.Transforms.SelectColumns(["Text"], keepHidden: true).Fit(replaced).Transform(replaced);
        Assert.Equal(2, hidden.Schema.Count);
        Assert.True(hidden.Schema[0].IsHidden);
        Assert.Equal(TextDataViewType.Instance, hidden.Schema[0].Type);
        var visible = ml.Transforms.SelectColumns("Text").Fit(replaced).Transform(replaced);
        Assert.IsType<KeyDataViewType>(Assert.Single(visible.Schema).Type);
    }

    [Fact]
    public void DropRemovesTheNamedColumnsIncludingHiddenOnes()
    {
        var ml = new MLContext(seed: 1);
        var replaced = ml.Transforms.Conversion.MapValueToKey("Text").Fit(Data(ml)).Transform(Data(ml));
        var output = ml.Transforms.DropColumns("Text", "Var").Fit(replaced).Transform(replaced);
        Assert.Equal(["A", "B", "Pair"], output.Schema.Select(c => c.Name));
        Assert.Equal([1f, -1f], DataViewValues.ReadColumn(output, "A"));
        EstimatorWorkout.Run(ml.Transforms.DropColumns("Text", "Var"), Data(ml), ml.Data.LoadFromEnumerable(new[] { new TextOnly() }), "Var", ml);
        var error = Assert.Throws<SchemaMismatchException>(() => ml.Transforms.DropColumns("Nope").Fit(Data(ml)));
        Assert.Contains("Column 'Nope' not found", error.Message);
    }
}
