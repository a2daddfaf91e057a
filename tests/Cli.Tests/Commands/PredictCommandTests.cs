// `predict`: one text (label and the most probable classes, sorted) and a whole CSV file (input columns
// as read, PredictedLabel, one probability column per class; RFC 4180; invariant numbers), and that both
// agree with each other and with the model's class order.
using System.Globalization;
using MlNetAttention.Cli.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Commands;

[Collection(TrainedModelCollection.Name)]
public sealed class PredictCommandTests(TrainedModelFixture fixture)
{
    [Fact]
    public void Predict_text_prints_the_label_then_the_classes_by_decreasing_probability()
    {
        fixture.Training.Succeeds();
        var result = CliRunner.Run("predict", "--model", fixture.ModelPath, "--text", "The striker scored twice, and the home side won the cup.")
            .Succeeds();

        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("PredictedLabel: ", lines[0]);
        string predicted = lines[0]["PredictedLabel: ".Length..];
        var shown = lines.Skip(1).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => (Label: p[0], Probability: double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(4, shown.Count); // 4 classes, all within the top 5
        Assert.Equal(Sample.Classes.Order(), shown.Select(s => s.Label).Order());
        Assert.Equal(predicted, shown[0].Label);
        Assert.Equal(shown.Select(s => s.Probability).OrderDescending(), shown.Select(s => s.Probability));
        Assert.Equal(1.0, shown.Sum(s => s.Probability), 3); // printed with 4 decimals
    }

    [Fact]
    public void Predict_dataset_writes_the_input_columns_the_label_and_one_probability_per_class()
    {
        string output = fixture.NewPath("predictions.csv");
        var result = CliRunner.Run("predict", "--model", fixture.ModelPath, "--dataset", Sample.Test, "--output", output).Succeeds();
        Assert.Contains("Wrote 160 predictions", result.Output);

        var (header, rows) = CsvReading.Read(output);
        var (inputHeader, inputRows) = CsvReading.Read(Sample.Test);
        Assert.Equal(["label", "text", "PredictedLabel"], header.Take(3));
        string[] classes = header.Skip(3).Select(h => h["Score.".Length..]).ToArray();
        Assert.All(header.Skip(3), h => Assert.StartsWith("Score.", h));
        Assert.Equal(Sample.Classes.Order(), classes.Order());
        Assert.Equal(160, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.Equal(inputRows[r], rows[r].Take(2)); // texts with commas and quotes come back exactly
            double[] p = rows[r].Skip(3).Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1.0, p.Sum(), 4);
            Assert.Equal(classes[Array.IndexOf(p, p.Max())], rows[r][2]); // PredictedLabel is the most probable class
        }
        Assert.Contains(inputRows, row => row[1].Contains(',')); // the sample does exercise quoting

        // The raw bytes: RFC 4180 quoting and CRLF record ends.
        string text = File.ReadAllText(output);
        Assert.StartsWith("label,text,PredictedLabel,Score.", text);
        Assert.Equal(161, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Predict_dataset_and_predict_text_agree()
    {
        string output = fixture.NewPath("predictions.csv");
        CliRunner.Run("predict", "--model", fixture.ModelPath, "--dataset", Sample.Test, "--output", output).Succeeds();
        var (header, rows) = CsvReading.Read(output);
        foreach (var row in rows.Take(3))
        {
            var single = CliRunner.Run("predict", "--model", fixture.ModelPath, "--text", row[1]).Succeeds();
            Assert.StartsWith($"PredictedLabel: {row[2]}", single.Output);
            int best = Array.IndexOf(header, "Score." + row[2]);
            string printed = double.Parse(row[best], CultureInfo.InvariantCulture).ToString("F4", CultureInfo.InvariantCulture);
            Assert.Contains(printed, single.Output);
        }
    }

    [Fact]
    public void Predict_dataset_keeps_extra_columns_and_reads_a_differently_named_text_column()
    {
        using var folder = new TempDirectory();
        string input = folder.WriteText("in.csv", "id,headline,note\r\n1,\"Markets fell, then rallied.\",\"said \"\"maybe\"\"\"\r\n2,The team won the final.,\r\n");
        string output = folder.File("out.csv");
        CliRunner.Run("predict", "--model", fixture.ModelPath, "--dataset", input, "--output", output, "--text-col", "headline").Succeeds();

        var (header, rows) = CsvReading.Read(output);
        Assert.Equal(["id", "headline", "note", "PredictedLabel"], header.Take(4));
        Assert.Equal(3 + 1 + 4, header.Length);
        Assert.Equal(["1", "Markets fell, then rallied.", "said \"maybe\""], rows[0].Take(3));
        Assert.Equal(["2", "The team won the final.", ""], rows[1].Take(3));
    }

    [Fact]
    public void Output_numbers_do_not_depend_on_the_thread_culture()
    {
        string output = fixture.NewPath("predictions.csv");
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var result = CliRunner.Run("predict", "--model", fixture.ModelPath, "--text", "Shares rose after the merger.").Succeeds();
            Assert.Matches(@"\d\.\d{4}", result.Output);
            Assert.DoesNotMatch(@"\d,\d{4}", result.Output);
            CliRunner.Run("predict", "--model", fixture.ModelPath, "--dataset", Sample.Test, "--output", output).Succeeds();
            Assert.Equal("de-DE", CultureInfo.CurrentCulture.Name); // restored after the run
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        var (_, rows) = CsvReading.Read(output);
        Assert.All(rows, row => Assert.All(row.Skip(3), v => Assert.DoesNotContain(",", v)));
    }
}
