// The standard estimator workout (TestKit.EstimatorWorkout, after ML.NET's TestEstimatorCore) on the
// trainer: predicted schema = real schema, every output readable, a text column of the wrong type is
// rejected naming it by GetOutputSchema, Fit, Transform and the transformer's GetOutputSchema, and
// save → load (twice, in one process) gives the same schema, annotations and bit-identical values.
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.TestKit;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class WorkoutTests
{
    private sealed class WrongTypeRow
    {
        public string Label { get; set; } = "";
        public float Sentence1 { get; set; }
    }

    private static IDataView WrongSentenceType(MLContext context)
    {
        var data = context.Data.LoadFromEnumerable(new[] { new WrongTypeRow { Label = "a", Sentence1 = 1 }, new WrongTypeRow { Label = "b" } });
        return context.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Workout_passes_with_and_without_attention_outputs(bool attention)
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        options.OutputAttentionWeights = attention;
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(options);

        var (transformer, output) = EstimatorWorkout.Run(trainer, TinyData.Keyed(context, 120), WrongSentenceType(context), "Sentence1", context);

        var names = output.Schema.Select(c => c.Name).ToArray();
        // ML.NET's MapValueToKey puts the key Label beside the hidden text Label; the trainer's columns follow,
        // in SdcaMaximumEntropy's order.
        Assert.Equal(attention ? ["Label", "Label", "Sentence1", "PredictedLabel", "Score", "AttentionWeights", "Tokens"]
            : ["Label", "Label", "Sentence1", "PredictedLabel", "Score"], names);
        Assert.IsType<AttentionTextClassificationTransformer>(transformer);
    }

    [Fact]
    public void Numeric_label_values_survive_as_KeyValues_of_their_type_through_save_and_load()
    {
        var context = new MLContext(seed: 1);
        var rows = TinyData.Rows(80).Select(r => new NumericLabelRow { Label = Array.IndexOf(TinyData.Topics, r.Label) * 1.5f, Sentence1 = r.Sentence1 });
        var raw = context.Data.LoadFromEnumerable(rows.ToList());
        var data = context.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions());

        var (_, output) = EstimatorWorkout.Run(trainer, data, null, null, context);

        var predicted = output.Schema["PredictedLabel"];
        VBuffer<float> keyValues = default;
        predicted.GetKeyValues(ref keyValues);
        Assert.Equal([0f, 1.5f, 3f, 4.5f], keyValues.DenseValues());
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        output.Schema["Score"].GetSlotNames(ref slotNames);
        Assert.Equal(["0", "1.5", "3", "4.5"], slotNames.DenseValues().Select(n => n.ToString()));
    }

    private sealed class NumericLabelRow
    {
        public float Label { get; set; }
        public string Sentence1 { get; set; } = "";
    }
}
