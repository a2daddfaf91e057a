// `evaluate` on the model `train` saved: the same metrics as `train` printed for the same test file
// (so the saved pipeline — label mapping, classifier, key-to-value — round-trips), a label column with
// another name, rows with a label the model never saw, and the metrics JSON keys.
using System.Text.Json;
using MlNetAttention.Cli.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Commands;

[Collection(TrainedModelCollection.Name)]
public sealed class EvaluateCommandTests(TrainedModelFixture fixture)
{
    private static readonly string[] EvaluateKeys =
    [
        "EvaluatedOn", "Rows", "SkippedRows", "MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction",
        "Classes", "PerClassLogLoss", "PerClassPrecision", "PerClassRecall", "ConfusionMatrix",
    ];

    [Fact]
    public void Evaluating_the_saved_model_reproduces_the_metrics_train_reported()
    {
        fixture.Training.Succeeds();
        string metrics = fixture.NewPath("evaluate.json");
        var result = CliRunner.Run("evaluate", "--model", fixture.ModelPath, "--dataset", Sample.Test, "--label-col", "label",
            "--metrics-json", metrics).Succeeds();

        Assert.Contains("MicroAccuracy", result.Output);
        Assert.Contains("Confusion table", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(metrics));
        var evaluated = json.RootElement;
        var trained = fixture.Metrics!.RootElement;
        Assert.Equal(EvaluateKeys, evaluated.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dataset", evaluated.GetProperty("EvaluatedOn").GetString());
        Assert.Equal(160, evaluated.GetProperty("Rows").GetInt64());
        foreach (string key in new[] { "MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction" })
            Assert.Equal(trained.GetProperty(key).GetDouble(), evaluated.GetProperty(key).GetDouble());
        Assert.Equal(trained.GetProperty("ConfusionMatrix").ToString(), evaluated.GetProperty("ConfusionMatrix").ToString());
    }

    [Fact]
    public void The_label_and_text_columns_may_have_other_names_than_in_training()
    {
        using var folder = new TempDirectory();
        string renamed = folder.WriteText("renamed.csv",
            "id,topic,body\r\n" + string.Concat(File.ReadAllLines(Sample.Test).Skip(1).Select((line, i) => $"{i},{line}\r\n")));
        string metrics = folder.File("m.json");
        CliRunner.Run("evaluate", "--model", fixture.ModelPath, "--dataset", renamed, "--label-col", "topic", "--text-col", "body",
            "--metrics-json", metrics).Succeeds();

        using var json = JsonDocument.Parse(File.ReadAllText(metrics));
        Assert.Equal(fixture.Metrics!.RootElement.GetProperty("LogLoss").GetDouble(), json.RootElement.GetProperty("LogLoss").GetDouble());
    }

    [Fact]
    public void Rows_with_a_label_the_model_never_saw_are_left_out_and_reported()
    {
        using var folder = new TempDirectory();
        string data = folder.WriteText("unseen.csv", File.ReadAllText(Sample.Test) + "Weather,Heavy rain is expected across the north tomorrow.\r\n");
        string metrics = folder.File("m.json");
        var result = CliRunner.Run("evaluate", "--model", fixture.ModelPath, "--dataset", data, "--label-col", "label", "--metrics-json", metrics)
            .Succeeds();

        Assert.Contains("1 row(s) have a label the model does not know", result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(metrics));
        Assert.Equal(160, json.RootElement.GetProperty("Rows").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("SkippedRows").GetInt64());
    }

    [Fact]
    public void A_file_whose_text_column_is_not_the_models_needs_text_col_and_the_error_lists_the_columns()
    {
        using var folder = new TempDirectory();
        string data = folder.WriteText("other.csv", "label,body,extra\r\nWorld,Talks resumed.,x\r\n");
        var result = CliRunner.Run("evaluate", "--model", fixture.ModelPath, "--dataset", data, "--label-col", "label");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no column 'text'", result.Error);
        Assert.Contains("'label', 'body', 'extra'", result.Error);
    }
}
