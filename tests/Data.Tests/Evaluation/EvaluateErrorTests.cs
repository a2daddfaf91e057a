// Bad input to Evaluate fails early and clearly: a missing column or a column of the wrong type is a
// SchemaMismatchException naming the column, the expected type and the actual type; bad arguments are
// ArgumentExceptions naming the parameter; data with no usable row says why.
using MlNetAttention.Data.Tests.Evaluation.Support;

namespace MlNetAttention.Data.Tests.Evaluation;

public sealed class EvaluateErrorTests
{
    private static readonly float[][] Scores = [[0.75f, 0.25f], [0.25f, 0.75f]];

    private static ColumnsDataView With(string name, DataViewType type, Array values, string? skip = null)
    {
        var data = new ColumnsDataView();
        void AddDefault(string column)
        {
            if (column == name || column == skip) return;
            if (column == "Label") data.Add("Label", new KeyDataViewType(typeof(uint), 2), new uint[] { 1, 2 });
            if (column == "Score") data.Add("Score", new VectorDataViewType(NumberDataViewType.Single, 2), ScoredRows.Vectors(Scores));
            if (column == "PredictedLabel") data.Add("PredictedLabel", new KeyDataViewType(typeof(uint), 2), new uint[] { 1, 2 });
        }
        foreach (string column in new[] { "Label", "Score", "PredictedLabel" }) AddDefault(column);
        typeof(ColumnsDataView).GetMethod(nameof(ColumnsDataView.Add))!.MakeGenericMethod(type.RawType)
            .Invoke(data, [name, type, values, null]);
        return data;
    }

    private static SchemaMismatchException AssertSchemaError(IDataView data, string column, string expected, string actual)
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<SchemaMismatchException>(() => ml.MulticlassClassification.Evaluate(data));
        Assert.Equal(column, error.ColumnName);
        Assert.Equal(expected, error.ExpectedType);
        Assert.Equal(actual, error.ActualType);
        Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void ALabelThatIsNotAKeyOrANumberIsRejected()
    {
        var data = With("Label", TextDataViewType.Instance, new[] { "a".AsMemory(), "b".AsMemory() });
        AssertSchemaError(data, "Label", "Key, Single or Double", "Text");
        var integers = With("Label", NumberDataViewType.Int32, new[] { 0, 1 });
        AssertSchemaError(integers, "Label", "Key, Single or Double", "Int32");
    }

    [Fact]
    public void AScoreThatIsNotAKnownSizeSingleVectorOfTwoOrMoreIsRejected()
    {
        const string expected = "Vector<Single> of known size >= 2 (one probability per class)";
        AssertSchemaError(With("Score", NumberDataViewType.Single, new[] { 0.5f, 0.5f }), "Score", expected, "Single");
        AssertSchemaError(With("Score", new VectorDataViewType(NumberDataViewType.Single), ScoredRows.Vectors(Scores)),
            "Score", expected, "Vector<Single>");
        AssertSchemaError(With("Score", new VectorDataViewType(NumberDataViewType.Double, 2),
            new[] { new VBuffer<double>(2, [0.5, 0.5]), new VBuffer<double>(2, [0.5, 0.5]) }), "Score", expected, "Vector<Double, 2>");
        AssertSchemaError(With("Score", new VectorDataViewType(NumberDataViewType.Single, 1), ScoredRows.Vectors([[1f], [1f]])),
            "Score", expected, "Vector<Single, 1>");
    }

    [Fact]
    public void APredictedLabelThatIsAVectorIsRejectedButItsMappedValueIsAccepted()
    {
        AssertSchemaError(With("PredictedLabel", new VectorDataViewType(NumberDataViewType.Single, 2), ScoredRows.Vectors(Scores)),
            "PredictedLabel", "a scalar (a key, or its value after MapKeyToValue)", "Vector<Single, 2>");
        // After MapKeyToValue the predicted label is text; ML.NET evaluates such data, and so does this library.
        var mapped = With("PredictedLabel", TextDataViewType.Instance, new[] { "a".AsMemory(), "b".AsMemory() });
        Assert.Equal(1.0, new MLContext(seed: 1).MulticlassClassification.Evaluate(mapped).MicroAccuracy);
    }

    [Theory]
    [InlineData("Label")]
    [InlineData("Score")]
    [InlineData("PredictedLabel")]
    public void AMissingColumnIsNamedWithTheAvailableOnes(string missing)
    {
        var data = With("Other", NumberDataViewType.Single, new[] { 1f, 2f }, skip: missing);
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<SchemaMismatchException>(() => ml.MulticlassClassification.Evaluate(data));
        Assert.Equal(missing, error.ColumnName);
        Assert.Contains($"Column '{missing}' not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("Other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        var ml = new MLContext(seed: 1);
        var data = ScoredRows.WithKeyLabels([1, 2], Scores);
        Assert.Throws<ArgumentNullException>("data", () => ml.MulticlassClassification.Evaluate(null!));
        Assert.Throws<ArgumentException>("labelColumnName", () => ml.MulticlassClassification.Evaluate(data, labelColumnName: " "));
        Assert.Throws<ArgumentNullException>("scoreColumnName", () => ml.MulticlassClassification.Evaluate(data, scoreColumnName: null!));
        var error = Assert.Throws<ArgumentOutOfRangeException>("topKPredictionCount",
            () => ml.MulticlassClassification.Evaluate(data, topKPredictionCount: -1));
        Assert.Equal(-1, error.ActualValue);
    }

    [Fact]
    public void DataWithNoUsableRowSaysWhy()
    {
        var ml = new MLContext(seed: 1);
        var data = ScoredRows.WithKeyLabels([0, 2], [[0.5f, 0.5f], [float.NaN, 1f]]);
        var error = Assert.Throws<ArgumentException>("data", () => ml.MulticlassClassification.Evaluate(data));
        Assert.Contains("1 row(s) have a missing label", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 a NaN or infinite score", error.Message, StringComparison.Ordinal);
        var empty = new ColumnsDataView()
            .Add("Label", new KeyDataViewType(typeof(uint), 2), Array.Empty<uint>())
            .Add("Score", new VectorDataViewType(NumberDataViewType.Single, 2), Array.Empty<VBuffer<float>>())
            .Add("PredictedLabel", new KeyDataViewType(typeof(uint), 2), Array.Empty<uint>());
        Assert.Throws<ArgumentException>("data", () => ml.MulticlassClassification.Evaluate(empty));
    }
}
