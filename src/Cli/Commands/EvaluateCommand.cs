// `mlnet-attention evaluate --model MODEL.zip --dataset TEST.csv --label-col NAME [--text-col NAME]
//   [--metrics-json FILE] [--top-k K]`
// Loads a model saved by `train` (the whole pipeline, label mapping included), scores the CSV and prints
// ML.NET's metrics, the per-class table and the confusion table. The CSV's label column may have another
// name than the training file's (--label-col), and so may its text column (--text-col; by default the
// column named as in training). --metrics-json writes the metrics, the class names and Rows.
using System.CommandLine;
using MlNetAttention.Cli.Data;
using MlNetAttention.Cli.Model;
using MlNetAttention.Cli.Output;
using static MlNetAttention.Cli.CliEnvironment;

namespace MlNetAttention.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var model = new Option<string>("--model") { Description = "A model saved by `train`.", Required = true, HelpName = "MODEL.zip" };
        var dataset = new Option<string>("--dataset") { Description = "Labelled CSV with a header row (RFC 4180).", Required = true, HelpName = "TEST.csv" };
        var labelColumn = new Option<string>("--label-col") { Description = "Name of the label column.", Required = true, HelpName = "NAME" };
        var textColumn = new Option<string?>("--text-col") { Description = "Name of the text column (default: the one the model was trained on).", HelpName = "NAME" };
        var metricsJson = new Option<string?>("--metrics-json") { Description = "Also write the metrics as one JSON object.", HelpName = "FILE" };
        var topK = OptionFactory.Number<int>("--top-k", "Also compute TopKAccuracy for this K.");
        var command = new Command("evaluate", "Evaluate a saved model on a labelled CSV file.")
        {
            model, dataset, labelColumn, textColumn, metricsJson, topK,
        };
        command.SetAction(result => Run(result.GetValue(model)!, result.GetValue(dataset)!, result.GetValue(labelColumn)!,
            result.GetValue(textColumn), result.GetValue(metricsJson), result.GetValue(topK), environment));
        return command;
    }

    public static int Run(string modelPath, string datasetPath, string labelColumn, string? textColumn, string? metricsJson, int? topK,
        CliEnvironment environment)
    {
        if (topK is < 1) throw CliException.Usage($"--top-k must be at least 1; got {topK}.");
        var data = CsvDataset.Open(datasetPath, "--dataset");
        int labelIndex = data.RequireColumn(labelColumn, "--label-col");
        if (metricsJson is not null) AtomicFile.CheckWritable(metricsJson, "--metrics-json");
        var context = new MLContext(seed: 0);
        environment.ForwardWarnings(context);
        var classifier = ClassifierModel.Load(context, modelPath);
        if (classifier.LabelSourceColumn is null)
            throw CliException.Usage(
                $"Model '{modelPath}' has no label mapping (MapValueToKey producing '{classifier.LabelKeyColumn}'), so it cannot be " +
                "evaluated from a CSV label column; models saved by `mlnet-attention train` have one.");
        var columns = new List<(string, int)> { (classifier.LabelSourceColumn, labelIndex) };
        columns.AddRange(ModelInputs.TextColumns(classifier, data, textColumn));
        var labelled = new CancellableDataView(data.Load(columns), environment.Cancellation);

        var evaluation = ModelEvaluation.Evaluate(context, classifier, labelled, topK ?? 0);
        MetricsView.Write(environment, evaluation, Invariant($"{data.Path} ({evaluation.Rows} rows)"));
        if (evaluation.SkippedRows > 0)
            environment.Warn(Invariant($"{evaluation.SkippedRows} row(s) have a label the model does not know and are not in the metrics."));

        environment.Cancellation.ThrowIfCancellationRequested();
        if (metricsJson is not null)
        {
            var json = new MetricsJson().Add("EvaluatedOn", "dataset").Add("Rows", evaluation.Rows).Add("SkippedRows", evaluation.SkippedRows);
            json.AddMetrics(evaluation);
            AtomicFile.Write(metricsJson, json.WriteTo, environment.Cancellation);
            environment.WriteLine(Invariant($"Metrics written to {Path.GetFullPath(metricsJson)}"));
        }
        return ExitCodes.Success;
    }
}
