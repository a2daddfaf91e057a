// The model `train` writes is an ordinary ML.NET model: a plain ML.NET program loads it with
// mlContext.Model.Load (no registration call, nothing from the CLI), sees the CSV's columns as the input
// schema, and scores with CreatePredictionEngine on a class whose properties are named as the CSV's
// columns, getting exactly the predictions `predict` writes.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Cli.Tests.Support;

namespace MlNetAttention.Cli.Tests.Commands;

[Collection(TrainedModelCollection.Name)]
public sealed class PlainMlNetTests(TrainedModelFixture fixture)
{
    /// <summary>A row of the sample's CSV: the properties are named as its header's columns.</summary>
    public sealed class Input
    {
#pragma warning disable IDE1006 // named as the CSV's columns, which is how ML.NET matches them
        public string label { get; set; } = "";
        public string text { get; set; } = "";
#pragma warning restore IDE1006
    }

    public sealed class Output
    {
        public string PredictedLabel { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void The_saved_model_loads_in_plain_MlNet_and_predicts_what_predict_writes()
    {
        fixture.Training.Succeeds();
        string predictions = fixture.NewPath("predictions.csv");
        CliRunner.Run("predict", "--model", fixture.ModelPath, "--dataset", Sample.Test, "--output", predictions).Succeeds();
        var (header, rows) = CsvReading.Read(predictions);

        var mlContext = new MLContext();
        ITransformer model = mlContext.Model.Load(fixture.ModelPath, out DataViewSchema inputSchema);
        Assert.Equal(["label", "text"], inputSchema.Select(c => c.Name));
        Assert.All(inputSchema, c => Assert.Equal(TextDataViewType.Instance, c.Type));
        var engine = mlContext.Model.CreatePredictionEngine<Input, Output>(model);

        // Score's slots are named after the classes, in the order of predict's Score.<class> columns.
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
        Assert.Equal(header.Skip(3).Select(h => h["Score.".Length..]), slotNames.DenseValues().Select(s => s.ToString()));

        foreach (var row in rows)
        {
            var output = engine.Predict(new Input { label = row[0], text = row[1] });
            Assert.Equal(row[2], output.PredictedLabel);
            float[] written = row.Skip(3).Select(v => float.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(written, output.Score); // the same model and input give bit-identical probabilities
        }
    }

    [Fact]
    public void A_classifier_saved_alone_by_MlNet_predicts_but_cannot_be_evaluated_from_a_label_column()
    {
        fixture.Training.Succeeds();
        var mlContext = new MLContext();
        var chain = (IEnumerable<ITransformer>)mlContext.Model.Load(fixture.ModelPath, out DataViewSchema inputSchema);
        var classifier = chain.OfType<MlNetAttention.Trainers.AttentionTextClassificationTransformer>().Single();
        string bare = fixture.NewPath("bare.zip");
        var textOnly = mlContext.Data.LoadFromEnumerable([new Input { text = "x" }]);
        mlContext.Model.Save(classifier, textOnly.Schema, bare); // loads back as the transformer itself, not a chain
        Assert.IsType<MlNetAttention.Trainers.AttentionTextClassificationTransformer>(mlContext.Model.Load(bare, out _));

        var text = "The striker scored twice, and the home side won the cup.";
        var full = CliRunner.Run("predict", "--model", fixture.ModelPath, "--text", text).Succeeds();
        var alone = CliRunner.Run("predict", "--model", bare, "--text", text).Succeeds();
        Assert.Equal(full.Output, alone.Output); // PredictedLabel is a key here, mapped through the class names

        var evaluate = CliRunner.Run("evaluate", "--model", bare, "--dataset", Sample.Test, "--label-col", "label");
        Assert.True(evaluate.ExitCode == 2, evaluate.ToString());
        Assert.Contains("has no label mapping", evaluate.Error);
    }
}
