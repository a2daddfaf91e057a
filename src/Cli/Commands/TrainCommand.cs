// `mlnet-attention train --dataset TRAIN.csv [--test-dataset TEST.csv] --label-col NAME [--text-col NAME]
//   [--epochs N] [--time SECONDS] [--seed N] --output MODEL.zip [--metrics-json FILE] [--report FILE.html]
//   [--top-k N] [trainer flags: see TrainerFlags]`
// Declares the command line and hands a TrainRequest to TrainingSession, which does the work. With no
// trainer flags it trains the library's default recipe (AttentionTextClassificationTrainer.Defaults).
using System.CommandLine;
using MlNetAttention.Cli.Training;
using TrainerOptions = MlNetAttention.Trainers.AttentionTextClassificationTrainer.Options;

namespace MlNetAttention.Cli.Commands;

internal static class TrainCommand
{
    /// <summary>The seed used when --seed is not given, so that two identical commands train the same model.</summary>
    public const int DefaultSeed = 0;

    public static Command Create(CliEnvironment environment)
    {
        var dataset = new Option<string>("--dataset") { Description = "Training data: CSV with a header row (RFC 4180).", Required = true, HelpName = "TRAIN.csv" };
        var testDataset = new Option<string?>("--test-dataset") { Description = "Test data with the same columns; evaluated after training.", HelpName = "TEST.csv" };
        var labelColumn = new Option<string>("--label-col") { Description = "Name of the label column.", Required = true, HelpName = "NAME" };
        var textColumn = new Option<string?>("--text-col")
        {
            Description = "Name of the text column (default: the only other column when the file has two).", HelpName = "NAME",
        };
        var seed = OptionFactory.Number("--seed", "Seed of the validation split, the initial weights, the shuffles and dropout.",
            DefaultSeed);
        var output = new Option<string>("--output") { Description = "Where to write the model (.zip); written only when training succeeds.", Required = true, HelpName = "MODEL.zip" };
        var metricsJson = new Option<string?>("--metrics-json")
        {
            Description = "Also write the metrics and training figures as one JSON object (test metrics with --test-dataset, " +
                          "else metrics on the held-out validation rows).",
            HelpName = "FILE",
        };
        var report = new Option<string?>("--report")
        {
            Description = "Also write a self-contained HTML report: configuration, training curve, metrics, confusion matrix, " +
                          "and examples shaded by attention weight (the model is then saved with OutputAttentionWeights on).",
            HelpName = "FILE.html",
        };
        var topK = OptionFactory.Number<int>("--top-k", "Also compute TopKAccuracy for this K.");
        var trainerFlags = new TrainerFlags();

        var command = new Command("train", "Train a text classifier on a CSV file, evaluate it, and save the whole pipeline as one .zip.")
        {
            dataset, testDataset, labelColumn, textColumn, seed, output, metricsJson, report, topK,
        };
        foreach (var flag in trainerFlags.Options) command.Options.Add(flag);
        command.SetAction(result =>
        {
            var options = new TrainerOptions();
            trainerFlags.Apply(result, options);
            var request = new TrainRequest(
                Dataset: result.GetValue(dataset)!,
                TestDataset: result.GetValue(testDataset),
                LabelColumn: result.GetValue(labelColumn)!,
                TextColumn: result.GetValue(textColumn),
                Seed: result.GetValue(seed),
                Output: result.GetValue(output)!,
                MetricsJson: result.GetValue(metricsJson),
                Report: result.GetValue(report),
                TopK: result.GetValue(topK) ?? 0,
                TrainerOptions: options);
            if (result.GetValue(topK) is < 1)
                throw CliException.Usage($"--top-k must be at least 1; got {result.GetValue(topK)}.");
            return TrainingSession.Run(request, environment);
        });
        return command;
    }
}
