// `train` end to end on the sample (tiny model, see Sample.TinyModel): what it prints, the files it
// writes, the keys and value ranges of --metrics-json (and that they agree with each other), and the
// validation-only path when there is no test file.
using System.Text.Json;
using MlNetAttention.Cli.Tests.Support;

namespace MlNetAttention.Cli.Tests.Commands;

[Collection(TrainedModelCollection.Name)]
public sealed class TrainCommandTests(TrainedModelFixture fixture)
{
    /// <summary>The keys `train --test-dataset --top-k` writes, in order (README, "Metrics JSON").</summary>
    private static readonly string[] TrainKeys =
    [
        "EvaluatedOn", "Rows", "SkippedRows", "MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction",
        "TopKAccuracy", "TopKPredictionCount", "Classes", "PerClassLogLoss", "PerClassPrecision", "PerClassRecall", "ConfusionMatrix",
        "TrainSeconds", "TrainTokensPerSecond", "TrainRows", "ValidationRows", "Epochs", "BestEpoch", "StopReason",
        "BestValidationAccuracy", "Seed", "MaximumSequenceLength", "VocabularySize",
        "PlannedEpochs", "EarlyStoppingPatience", "NgramMaximumLength", "NgramBuckets", "NgramLearningRateScale",
    ];

    [Fact]
    public void Train_prints_progress_metrics_and_the_confusion_table_and_writes_every_output()
    {
        var result = fixture.Training.Succeeds();

        Assert.Contains("epoch 1/2: loss ", result.Output);
        Assert.Contains("epoch 2/2: loss ", result.Output);
        Assert.Contains("Vocabulary: ", result.Output); // the trainer's decisions are shown
        Assert.Contains("Metrics on the test set (160 rows", result.Output);
        foreach (string metric in new[] { "MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction", "TopKAccuracy (K = 2)" })
            Assert.Contains(metric, result.Output);
        Assert.Contains("Confusion table", result.Output);
        Assert.Contains("Precision", result.Output);
        Assert.DoesNotContain("\u001b", result.Output, StringComparison.Ordinal); // no escape codes off a terminal
        Assert.Equal("", result.Error);
        Assert.True(File.Exists(fixture.ModelPath) && File.Exists(fixture.MetricsPath) && File.Exists(fixture.ReportPath));
        Assert.Empty(Directory.GetFiles(fixture.Folder, "*.tmp")); // temporary files are gone
    }

    [Fact]
    public void Metrics_json_has_the_documented_keys_with_values_in_range()
    {
        fixture.Training.Succeeds();
        var json = fixture.Metrics!.RootElement;

        Assert.Equal(TrainKeys, json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("test", json.GetProperty("EvaluatedOn").GetString());
        Assert.Equal(160, json.GetProperty("Rows").GetInt64());
        Assert.Equal(0, json.GetProperty("SkippedRows").GetInt64());
        foreach (string key in new[] { "MicroAccuracy", "MacroAccuracy", "TopKAccuracy", "BestValidationAccuracy" })
            Assert.InRange(json.GetProperty(key).GetDouble(), 0, 1);
        Assert.True(json.GetProperty("TopKAccuracy").GetDouble() >= json.GetProperty("MicroAccuracy").GetDouble());
        Assert.InRange(json.GetProperty("LogLoss").GetDouble(), 1e-6, 34.6);
        Assert.True(json.GetProperty("LogLossReduction").GetDouble() <= 1);
        Assert.Equal(2, json.GetProperty("TopKPredictionCount").GetInt32());
        Assert.Equal(Sample.Classes.Order(), json.GetProperty("Classes").EnumerateArray().Select(c => c.GetString()!).Order());
        Assert.True(json.GetProperty("TrainSeconds").GetDouble() > 0);
        Assert.True(json.GetProperty("TrainTokensPerSecond").GetDouble() > 0);
        Assert.Equal(480, json.GetProperty("TrainRows").GetInt32() + json.GetProperty("ValidationRows").GetInt32());
        Assert.Equal(2, json.GetProperty("Epochs").GetInt32());
        Assert.InRange(json.GetProperty("BestEpoch").GetInt32(), 1, 2);
        Assert.Equal("MaxEpochs", json.GetProperty("StopReason").GetString());

        // The figures agree with each other: accuracy and per-class recall from the confusion counts.
        double[][] counts = json.GetProperty("ConfusionMatrix").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(160, counts.Sum(r => r.Sum()));
        Assert.Equal(Enumerable.Range(0, 4).Sum(i => counts[i][i]) / 160.0, json.GetProperty("MicroAccuracy").GetDouble(), 12);
        double[] recall = json.GetProperty("PerClassRecall").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int c = 0; c < 4; c++) Assert.Equal(counts[c][c] / counts[c].Sum(), recall[c], 12);
        Assert.Equal(recall.Average(), json.GetProperty("MacroAccuracy").GetDouble(), 12); // every class has rows
        Assert.All(json.GetProperty("PerClassLogLoss").EnumerateArray(), v => Assert.True(v.GetDouble() > 0));
    }

    [Fact]
    public void Without_a_test_file_the_metrics_are_on_the_held_out_validation_rows()
    {
        string model = fixture.NewPath("model.zip"), metrics = Path.ChangeExtension(model, ".json");
        var result = CliRunner.Run(Sample.TrainArgs(model, epochs: 1, "--metrics-json", metrics, "--validation-fraction", "0.25")).Succeeds();

        Assert.Contains("Metrics on the validation rows", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(metrics));
        var root = json.RootElement;
        Assert.Equal("validation", root.GetProperty("EvaluatedOn").GetString());
        int validationRows = root.GetProperty("ValidationRows").GetInt32();
        Assert.Equal(validationRows, root.GetProperty("Rows").GetInt32()); // the metrics cover exactly the held-out rows
        Assert.Equal(480, root.GetProperty("TrainRows").GetInt32() + validationRows);
        Assert.InRange(validationRows, 80, 160); // about a quarter of 480 (a seeded random split)
        Assert.Equal(root.GetProperty("BestValidationAccuracy").GetDouble(), root.GetProperty("MicroAccuracy").GetDouble(), 12);
    }

    [Fact]
    public void With_no_held_out_rows_there_are_no_metrics_and_EvaluatedOn_says_none()
    {
        string model = fixture.NewPath("model.zip"), metrics = Path.ChangeExtension(model, ".json");
        var result = CliRunner.Run(Sample.TrainArgs(model, epochs: 1, "--metrics-json", metrics, "--validation-fraction", "0")).Succeeds();

        Assert.Contains("no metrics", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(metrics));
        var root = json.RootElement;
        Assert.Equal("none", root.GetProperty("EvaluatedOn").GetString());
        Assert.Equal(0, root.GetProperty("Rows").GetInt32());
        Assert.False(root.TryGetProperty("MicroAccuracy", out _));
        Assert.Equal(480, root.GetProperty("TrainRows").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("BestValidationAccuracy").ValueKind);
    }

    [Fact]
    public void The_same_seed_trains_the_same_model_and_another_seed_does_not()
    {
        string first = fixture.NewPath("a.zip"), second = fixture.NewPath("b.zip"), third = fixture.NewPath("c.zip");
        string[] common = ["--test-dataset", Sample.Test, "--threads", "1"];
        CliRunner.Run(Sample.TrainArgs(first, 1, [.. common, "--seed", "7", "--metrics-json", first + ".json"])).Succeeds();
        CliRunner.Run(Sample.TrainArgs(second, 1, [.. common, "--seed", "7", "--metrics-json", second + ".json"])).Succeeds();
        CliRunner.Run(Sample.TrainArgs(third, 1, [.. common, "--seed", "8", "--metrics-json", third + ".json"])).Succeeds();

        double LogLoss(string path) => JsonDocument.Parse(File.ReadAllText(path + ".json")).RootElement.GetProperty("LogLoss").GetDouble();
        Assert.Equal(LogLoss(first), LogLoss(second));
        Assert.NotEqual(LogLoss(first), LogLoss(third));
    }

    [Fact]
    public void Describe_still_summarises_a_dataset()
    {
        var result = CliRunner.Run("describe", "--dataset", Sample.Train, "--label-col", "label").Succeeds();
        Assert.Contains("Rows: 480", result.Output);
        Assert.Contains("Label distribution (label, 4 classes)", result.Output);
    }
}
