// The reusable "workout" every estimator's tests run (after ML.NET's TestEstimatorCore):
//  1. the SchemaShape predicted by GetOutputSchema equals the shape of the real output, column by
//     column (name, vector kind, item type, key-ness, annotation kinds), and the transformer's
//     GetOutputSchema equals the schema Transform produces;
//  2. every output column can be read on every row;
//  3. an invalid input fails in GetOutputSchema, Fit, Transform and the transformer's
//     GetOutputSchema with an exception whose message names the offending column;
//  4. when the transformer can be saved, save -> load gives the same schema, annotations and
//     values on every column (a model loaded twice in one process included).
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.TestKit;

/// <summary>Runs the standard checks on an estimator.</summary>
public static class EstimatorWorkout
{
    /// <summary>Runs the workout and returns the fitted transformer and its output on <paramref name="validInput"/>.</summary>
    /// <param name="invalidInput">Data the estimator must reject (a missing column or a column of the wrong type).</param>
    /// <param name="invalidColumnName">The column the rejection message must name.</param>
    public static (ITransformer Transformer, IDataView Output) Run<TTransformer>(
        IEstimator<TTransformer> estimator, IDataView validInput, IDataView? invalidInput, string? invalidColumnName,
        MLContext? context = null)
        where TTransformer : ITransformer
    {
        context ??= new MLContext(seed: 1);
        var predicted = estimator.GetOutputSchema(SchemaShapes.Of(validInput.Schema));
        var transformer = estimator.Fit(validInput);
        var output = transformer.Transform(validInput);

        AssertShapesEqual(predicted, SchemaShapes.Of(output.Schema));
        AssertSchemasEqual(output.Schema, transformer.GetOutputSchema(validInput.Schema));
        var values = DataViewValues.ReadAll(output);

        if (invalidInput is not null)
        {
            Assert.False(string.IsNullOrEmpty(invalidColumnName), "Name the column the invalid input gets wrong.");
            var shape = SchemaShapes.Of(invalidInput.Schema);
            AssertNamesColumn(() => estimator.GetOutputSchema(shape), invalidColumnName!, "estimator.GetOutputSchema");
            AssertNamesColumn(() => estimator.Fit(invalidInput), invalidColumnName!, "estimator.Fit");
            AssertNamesColumn(() => transformer.Transform(invalidInput), invalidColumnName!, "transformer.Transform");
            AssertNamesColumn(() => transformer.GetOutputSchema(invalidInput.Schema), invalidColumnName!, "transformer.GetOutputSchema");
        }

        if (transformer is ICanSaveModel)
        {
            for (int round = 0; round < 2; round++)
            {
                using var stream = new MemoryStream();
                context.Model.Save(transformer, validInput.Schema, stream);
                stream.Position = 0;
                var loaded = context.Model.Load(stream, out var loadedInputSchema);
                AssertSchemasEqual(SchemaShapeless(validInput.Schema), SchemaShapeless(loadedInputSchema));
                var reloaded = loaded.Transform(validInput);
                AssertSchemasEqual(output.Schema, reloaded.Schema);
                AssertValuesEqual(values, DataViewValues.ReadAll(reloaded));
            }
        }
        return (transformer, output);
    }

    /// <summary>Asserts the predicted shape equals the actual one, column by column.</summary>
    public static void AssertShapesEqual(SchemaShape predicted, SchemaShape actual)
    {
        Assert.True(predicted.Count == actual.Count,
            $"Predicted {predicted.Count} columns [{predicted}] but the output has {actual.Count} [{actual}].");
        for (int i = 0; i < predicted.Count; i++)
        {
            var p = predicted[i];
            var a = actual[i];
            string where = $"column {i} ('{a.Name}')";
            Assert.True(p.Name == a.Name, $"{where}: predicted name '{p.Name}'.");
            Assert.True(p.Kind == a.Kind, $"{where}: predicted kind {p.Kind}, actual {a.Kind}.");
            Assert.True(p.ItemType.Equals(a.ItemType), $"{where}: predicted item type {p.ItemType}, actual {a.ItemType}.");
            Assert.True(p.IsKey == a.IsKey, $"{where}: predicted IsKey {p.IsKey}, actual {a.IsKey}.");
            var predictedAnnotations = p.Annotations.Select(x => x.Name).Order().ToArray();
            var actualAnnotations = a.Annotations.Select(x => x.Name).Order().ToArray();
            Assert.True(predictedAnnotations.SequenceEqual(actualAnnotations),
                $"{where}: predicted annotations [{string.Join(", ", predictedAnnotations)}], actual [{string.Join(", ", actualAnnotations)}].");
        }
    }

    /// <summary>Asserts two schemas have the same columns (name, type, hidden-ness) and annotation values.</summary>
    public static void AssertSchemasEqual(DataViewSchema expected, DataViewSchema actual)
    {
        Assert.True(expected.Count == actual.Count, $"Expected columns [{expected}] but got [{actual}].");
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.True(e.Name == a.Name && e.Type.Equals(a.Type) && e.IsHidden == a.IsHidden,
                $"Column {i}: expected {e}, got {a}.");
            var kinds = e.Annotations.Schema.Select(c => c.Name).ToArray();
            Assert.True(kinds.SequenceEqual(a.Annotations.Schema.Select(c => c.Name)),
                $"Column '{e.Name}': annotations [{e.Annotations}] vs [{a.Annotations}].");
            foreach (string kind in kinds)
            {
                var expectedValue = DataViewValues.ReadAnnotation(e, kind);
                var actualValue = DataViewValues.ReadAnnotation(a, kind);
                Assert.True(DataViewValues.Same(expectedValue, actualValue),
                    $"Column '{e.Name}' annotation {kind}: expected {DataViewValues.Show(expectedValue)}, got {DataViewValues.Show(actualValue)}.");
            }
        }
    }

    /// <summary>Asserts two column-value tables are identical.</summary>
    public static void AssertValuesEqual(Dictionary<string, List<object?>> expected, Dictionary<string, List<object?>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, column) in expected)
        {
            var other = actual[name];
            Assert.True(column.Count == other.Count, $"Column '{name}': {column.Count} rows vs {other.Count}.");
            for (int row = 0; row < column.Count; row++)
            {
                Assert.True(DataViewValues.Same(column[row], other[row]),
                    $"Column '{name}', row {row}: expected {DataViewValues.Show(column[row])}, got {DataViewValues.Show(other[row])}.");
            }
        }
    }

    /// <summary>Asserts <paramref name="action"/> throws and the message names <paramref name="columnName"/>.</summary>
    public static Exception AssertNamesColumn(Action action, string columnName, string what)
    {
        var error = Record.Exception(action);
        Assert.True(error is not null, $"{what} accepted the invalid input.");
        Assert.True(error!.Message.Contains($"'{columnName}'", StringComparison.Ordinal),
            $"{what} threw {error.GetType().Name} without naming column '{columnName}': {error.Message}");
        return error;
    }

    // The model file keeps names and types of the input schema, not annotations.
    private static DataViewSchema SchemaShapeless(DataViewSchema schema)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in schema.Where(c => !c.IsHidden)) builder.AddColumn(column.Name, column.Type);
        return builder.ToSchema();
    }
}
