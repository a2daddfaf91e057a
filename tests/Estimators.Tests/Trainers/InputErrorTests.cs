// Bad input is a clear error naming the column (schema problems: ArgumentOutOfRangeException with the
// expected and actual types) or the row (label values): a label that is not a key, a missing (0) or
// out-of-range key in the training data or the validation set, a validation set of another key count.
using MlNetAttention.TestKit;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Estimators.Tests.Support;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class InputErrorTests
{
    private sealed class KeyedRow
    {
        [KeyType(4)]
        public uint Label { get; set; }
        public string Sentence1 { get; set; } = "";
    }

    private sealed class LabelOnlyRow
    {
        public string Label { get; set; } = "";
    }

    [Fact]
    public void A_text_label_that_is_not_a_key_is_a_schema_error_naming_it()
    {
        var context = new MLContext(seed: 1);
        var raw = context.Data.LoadFromEnumerable(TinyData.Rows(20)); // Label is Text: MapValueToKey was forgotten
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions());

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(raw));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(SchemaShapes.Of(raw.Schema)));

        foreach (var error in new[] { fit, shape })
        {
            Assert.Contains("Column 'Label' has type String, but type Key", error.Message);
            Assert.Contains("MapValueToKey", error.Message);
        }
    }

    [Fact]
    public void A_missing_column_is_named_with_the_available_ones()
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        options.Sentence1ColumnName = "Text";
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(options);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(TinyData.Keyed(context, 20)));

        Assert.Contains("Column 'Text' not found", error.Message);
        Assert.Contains("Sentence1", error.Message); // listed among the available columns
    }

    [Fact]
    public void A_missing_training_label_names_the_row_and_the_column()
    {
        var context = new MLContext(seed: 1);
        // LoadFromEnumerable reads a POCO key as 0-based (value v is key v + 1); 4 is past KeyType(4), so row 7 loads as key 0, the missing key.
        var rows = Enumerable.Range(0, 12).Select(i => new KeyedRow { Label = i == 7 ? 4u : (uint)(i % 4), Sentence1 = $"text {i}" });
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions());

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(context.Data.LoadFromEnumerable(rows.ToList())));

        Assert.Contains("row 7", error.Message);
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("key 0", error.Message);
    }

    [Fact]
    public void An_out_of_range_key_is_an_error_not_an_underflow()
    {
        var context = new MLContext(seed: 1);
        var data = new OutOfRangeKeyView([1, 2, 3, 1, 2, uint.MaxValue, 3], keyCount: 3);
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions());

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data));

        Assert.Contains("row 5", error.Message);
        Assert.Contains($"key {uint.MaxValue}", error.Message);
        Assert.Contains("1..3", error.Message);
    }

    [Fact]
    public void A_label_with_a_single_class_is_refused()
    {
        var context = new MLContext(seed: 1);
        var data = new OutOfRangeKeyView([1, 1, 1], keyCount: 1);
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        Assert.Contains("Column 'Label'", error.Message);
        Assert.Contains("2 to 1,000,000 classes", error.Message);
    }

    [Fact]
    public void A_validation_set_with_an_unknown_label_names_its_row()
    {
        var context = new MLContext(seed: 1);
        var rows = TinyData.Rows(40);
        var keys = context.Transforms.Conversion.MapValueToKey("Label").Fit(context.Data.LoadFromEnumerable(rows));
        var validationRows = TinyData.Rows(8, seed: 2);
        validationRows[3].Label = "weather"; // not a training label: MapValueToKey gives key 0
        var options = TinyData.TinyOptions();
        options.ValidationSet = keys.Transform(context.Data.LoadFromEnumerable(validationRows));
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(options);

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(keys.Transform(context.Data.LoadFromEnumerable(rows))));

        Assert.Contains("validation set", error.Message);
        Assert.Contains("row 3", error.Message);
    }

    [Fact]
    public void A_validation_set_with_another_key_count_is_a_schema_error()
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        options.ValidationSet = new OutOfRangeKeyView([1, 2, 3], keyCount: 3);
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(options);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(TinyData.Keyed(context, 20)));

        Assert.Contains("Column 'Label'", error.Message);
        Assert.Contains("Key<UInt32, 4>", error.Message);
    }

    [Fact]
    public void The_transformer_rejects_data_without_the_text_column()
    {
        var context = new MLContext(seed: 1);
        var model = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions()).Fit(TinyData.Keyed(context, 40));
        var other = context.Data.LoadFromEnumerable(new[] { new LabelOnlyRow { Label = "x" } });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(other));

        Assert.Contains("Column 'Sentence1' not found", error.Message);
    }
}
