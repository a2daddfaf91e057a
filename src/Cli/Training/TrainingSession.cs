// The work of `train`, in order: check the inputs (files, columns) and that every output can be
// written, BEFORE any training; build the pipeline
//   MapValueToKey(Label <- label column) -> AttentionTextClassification -> MapKeyToValue(PredictedLabel)
// and fit it with a progress display; evaluate it (on --test-dataset, else on held-out validation
// rows); print the metrics; then write the model, the metrics JSON and the HTML report, each atomically.
// Held-out rows: with --test-dataset the trainer holds out --validation-fraction of the training rows
// itself (stratified by class) to pick the best epoch, exactly as the library does by default. Without
// one, the CLI splits them off (TrainTestSplit with --seed) and passes them as the trainer's
// ValidationSet, so that it can also report full metrics on them.
// Cancellation (Ctrl+C) stops training between two steps, or scoring between two rows; it is checked
// once more before the first file is written, so a cancelled run writes nothing.
using System.Diagnostics;
using Microsoft.ML.Runtime;
using MlNetAttention.Cli.Data;
using MlNetAttention.Cli.Model;
using MlNetAttention.Cli.Output;
using MlNetAttention.Cli.Report;
using MlNetAttention.Trainers;
using static MlNetAttention.Cli.CliEnvironment;

namespace MlNetAttention.Cli.Training;

internal static class TrainingSession
{
    /// <summary>Examples of each kind (correct, misclassified) shown in the report, and the rows read to find them.</summary>
    private const int ReportExamplesPerKind = 4, ReportExampleRowLimit = 5000;

    public static int Run(TrainRequest request, CliEnvironment environment)
    {
        var cancellation = environment.Cancellation;
        var train = CsvDataset.Open(request.Dataset, "--dataset");
        int labelIndex = train.RequireColumn(request.LabelColumn, "--label-col");
        string textColumn = train.ResolveTextColumn(request.TextColumn, request.LabelColumn);
        int textIndex = train.IndexOf(textColumn);
        CsvDataset? test = null;
        if (request.TestDataset is { } testPath)
        {
            test = CsvDataset.Open(testPath, "--test-dataset");
            test.RequireColumn(request.LabelColumn, "--label-col (in --test-dataset)");
            test.RequireColumn(textColumn, "--text-col (in --test-dataset)");
        }
        CheckOutputs(request, train, test);

        // The key column the classifier reads; "Label" as in ML.NET, unless that is the text column's name.
        string keyColumn = textColumn == "Label" ? "LabelKey" : "Label";
        var options = request.TrainerOptions.Clone();
        options.LabelColumnName = keyColumn;
        options.Sentence1ColumnName = textColumn;
        options.CancellationToken = cancellation;
        options.OutputAttentionWeights = request.Report is not null;
        var context = new MLContext(request.Seed);
        // Creating the trainer validates every option now (in every build), before any data is read.
        _ = context.MulticlassClassification.Trainers.AttentionTextClassification(options);

        environment.ForwardWarnings(context);
        // The model's input schema is this view's: the CSV's label and text columns, named as in the file, Text.
        IDataView trainData = new CancellableDataView(
            train.Load([(request.LabelColumn, labelIndex), (textColumn, textIndex)]), cancellation);
        environment.WriteLine(Invariant($"Training on {train.Path} (label '{request.LabelColumn}', text '{textColumn}', seed {request.Seed})."));

        var clock = Stopwatch.StartNew();
        if (ModelEvaluation.CountRows(trainData, atMost: 1) == 0) // before ML.NET warns of an empty term map
            throw CliException.Failure($"The label column '{request.LabelColumn}' of '{train.Path}' has no value: the file has no data rows.");
        var labelMap = context.Transforms.Conversion.MapValueToKey(keyColumn, request.LabelColumn).Fit(trainData);
        ulong classCount = (labelMap.GetOutputSchema(trainData.Schema)[keyColumn].Type as KeyDataViewType)?.Count ?? 0;
        if (classCount < 2)
            throw CliException.Failure(
                $"The label column '{request.LabelColumn}' of '{train.Path}' holds a single class; a classifier needs at least two.");
        IDataView fitInput = labelMap.Transform(trainData);
        IDataView? validation = null;
        if (test is null && options.ValidationFraction > 0)
        {
            var split = context.Data.TrainTestSplit(trainData, options.ValidationFraction, seed: request.Seed);
            fitInput = labelMap.Transform(split.TrainSet);
            validation = split.TestSet;
            options.ValidationSet = labelMap.Transform(validation);
        }

        IReadOnlyList<TrainingProgress> epochs = [];
        var classifier = TrainingProgressView.Run(environment, view =>
        {
            options.Progress = view;
            epochs = view.Epochs;
            EventHandler<LoggingEventArgs> showDecisions = (_, e) =>
            {
                // The trainer logs what it decides from the data (seed, vocabulary, sequence length, parameters)
                // and its step/epoch reports, which the view already shows in its own form.
                if (e.Source.StartsWith("AttentionTextClassification", StringComparison.Ordinal) && e.Kind == ChannelMessageKind.Info
                    && !e.RawMessage.StartsWith("epoch ", StringComparison.Ordinal))
                    view.Message(e.RawMessage);
            };
            context.Log += showDecisions;
            try
            {
                return context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(fitInput);
            }
            finally
            {
                context.Log -= showDecisions;
            }
        });
        var keyToValue = context.Transforms.Conversion.MapKeyToValue(options.OutputColumnName).Fit(classifier.Transform(fitInput));
        var pipeline = new TransformerChain<ITransformer>(labelMap, classifier, keyToValue);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var model = new ClassifierModel(pipeline, trainData.Schema, request.Output);
        var summary = classifier.TrainingSummary;

        // Evaluate on the test file, else on the validation rows.
        IDataView? evaluationData = test is null ? validation
            : new CancellableDataView(test.Load([(request.LabelColumn, test.IndexOf(request.LabelColumn)), (textColumn, test.IndexOf(textColumn))]), cancellation);
        string evaluatedOn = test is not null ? "test" : validation is not null ? "validation" : "none";
        var evaluation = evaluationData is null ? null : ModelEvaluation.Evaluate(context, model, evaluationData, request.TopK);
        if (evaluation is not null)
        {
            string description = evaluatedOn == "test"
                ? Invariant($"the test set ({evaluation.Rows} rows of {test!.Path})")
                : Invariant($"the validation rows ({evaluation.Rows} rows held out from the training file)");
            MetricsView.Write(environment, evaluation, description);
        }
        else environment.WriteLine("No held-out rows (no --test-dataset and --validation-fraction 0): no metrics.");
        var examples = request.Report is not null && evaluationData is not null
            ? AttentionExample.Collect(model, evaluationData, request.LabelColumn, ReportExamplesPerKind, ReportExampleRowLimit)
            : [];

        // Nothing is written if the run was cancelled; from here on every file is written whole or not at all.
        cancellation.ThrowIfCancellationRequested();
        AtomicFile.Write(request.Output, stream => context.Model.Save(pipeline, trainData.Schema, stream), cancellation);
        environment.WriteLine(Invariant($"Model saved to {Path.GetFullPath(request.Output)}"));
        if (request.MetricsJson is { } jsonPath)
        {
            var json = new MetricsJson().Add("EvaluatedOn", evaluatedOn);
            json.Add("Rows", evaluation?.Rows ?? 0).Add("SkippedRows", evaluation?.SkippedRows ?? 0);
            if (evaluation is not null) json.AddMetrics(evaluation);
            json.Add("TrainSeconds", trainSeconds).Add("TrainTokensPerSecond", summary.TokensPerSecond)
                .Add("TrainRows", summary.TrainingRows).Add("ValidationRows", summary.ValidationRows)
                .Add("Epochs", summary.EpochsCompleted).Add("BestEpoch", summary.BestEpoch).Add("StopReason", summary.StopReason.ToString())
                .Add("BestValidationAccuracy", summary.BestValidationAccuracy).Add("Seed", summary.Seed)
                .Add("MaximumSequenceLength", summary.MaximumSequenceLength).Add("VocabularySize", summary.VocabularySize)
                .Add("PlannedEpochs", summary.PlannedEpochs).Add("EarlyStoppingPatience", summary.EarlyStoppingPatience)
                .Add("NgramMaximumLength", summary.NgramMaximumLength).Add("NgramBuckets", summary.NgramBuckets)
                .Add("NgramLearningRateScale", (double)summary.NgramLearningRateScale);
            AtomicFile.Write(jsonPath, json.WriteTo, CancellationToken.None);
            environment.WriteLine(Invariant($"Metrics written to {Path.GetFullPath(jsonPath)}"));
        }
        if (request.Report is { } reportPath)
        {
            var run = new List<(string, string)>
            {
                ("Training data", train.Path), ("Test data", test?.Path ?? "(none)"), ("Label column", request.LabelColumn),
                ("Text column", textColumn), ("Seed (--seed)", Invariant($"{request.Seed}")),
                ("Pipeline", $"MapValueToKey({keyColumn} <- {request.LabelColumn}) -> AttentionTextClassification -> MapKeyToValue({options.OutputColumnName})"),
                ("Fit wall time", Invariant($"{trainSeconds:F1} s")),
            };
            var content = new ReportContent(run, classifier.Options, summary, epochs, evaluation, evaluatedOn, examples);
            string html = HtmlReport.Render(content);
            AtomicFile.Write(reportPath, stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(html)), CancellationToken.None);
            environment.WriteLine(Invariant($"Report written to {Path.GetFullPath(reportPath)}"));
        }
        return ExitCodes.Success;
    }

    /// <summary>Every output must be writable, distinct, and not one of the inputs — checked before training.</summary>
    private static void CheckOutputs(TrainRequest request, CsvDataset train, CsvDataset? test)
    {
        var outputs = new List<(string Flag, string Path)> { ("--output", request.Output) };
        if (request.MetricsJson is { } json) outputs.Add(("--metrics-json", json));
        if (request.Report is { } report) outputs.Add(("--report", report));
        var inputs = new[] { train.Path, test?.Path }.OfType<string>().ToHashSet();
        var seen = new Dictionary<string, string>();
        foreach (var (flag, path) in outputs)
        {
            string full = Path.GetFullPath(path);
            if (inputs.Contains(full)) throw CliException.Usage($"{flag} '{path}' is an input file; choose another path.");
            if (seen.TryGetValue(full, out string? other)) throw CliException.Usage($"{flag} and {other} are the same file '{path}'.");
            seen[full] = flag;
            AtomicFile.CheckWritable(path, flag);
        }
    }
}
