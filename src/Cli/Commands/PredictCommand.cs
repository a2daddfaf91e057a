// `mlnet-attention predict --model MODEL.zip (--text "..." | --dataset IN.csv --output OUT.csv) [--text-col NAME]`
//   --text     prints the predicted label and the most probable classes (top 5, highest first), scored by
//              ML.NET's PredictionEngine;
//   --dataset  streams IN.csv through the model and writes OUT.csv: every input column as read, then
//              PredictedLabel, then one probability column per class named "Score.<class>", in the model's
//              class order. RFC 4180 quoting, CRLF, UTF-8, culture-invariant shortest round-trip numbers.
//              OUT.csv appears only when every row was written (see AtomicFile).
// The label mapping stage of the pipeline is not applied: prediction needs no label column.
using System.CommandLine;
using System.Globalization;
using MlNetAttention.Cli.Data;
using MlNetAttention.Cli.Model;
using static MlNetAttention.Cli.CliEnvironment;

namespace MlNetAttention.Cli.Commands;

internal static class PredictCommand
{
    /// <summary>Classes shown by `predict --text`.</summary>
    public const int ShownClasses = 5;

    /// <summary>Prefix of the per-class probability columns of the output CSV.</summary>
    public const string ProbabilityColumnPrefix = "Score.";

    public static Command Create(CliEnvironment environment)
    {
        var model = new Option<string>("--model") { Description = "A model saved by `train`.", Required = true, HelpName = "MODEL.zip" };
        var text = new Option<string?>("--text") { Description = "Classify this text and print the most probable classes.", HelpName = "TEXT" };
        var dataset = new Option<string?>("--dataset") { Description = "Classify every row of this CSV file (header row, RFC 4180).", HelpName = "IN.csv" };
        var output = new Option<string?>("--output") { Description = "With --dataset: where to write the predictions.", HelpName = "OUT.csv" };
        var textColumn = new Option<string?>("--text-col") { Description = "With --dataset: the text column (default: the one the model was trained on).", HelpName = "NAME" };
        var command = new Command("predict", "Classify a text, or every row of a CSV file, with a saved model.")
        {
            model, text, dataset, output, textColumn,
        };
        command.SetAction(result =>
        {
            string? textValue = result.GetValue(text), datasetPath = result.GetValue(dataset), outputPath = result.GetValue(output);
            if ((textValue is null) == (datasetPath is null))
                throw CliException.Usage("Give either --text \"...\" or --dataset IN.csv --output OUT.csv.");
            if (datasetPath is not null && outputPath is null)
                throw CliException.Usage("--dataset needs --output OUT.csv (where to write the predictions).");
            if (textValue is not null && (outputPath is not null || result.GetValue(textColumn) is not null))
                throw CliException.Usage("--output and --text-col go with --dataset, not with --text.");
            return textValue is not null
                ? PredictText(result.GetValue(model)!, textValue, environment)
                : PredictDataset(result.GetValue(model)!, datasetPath!, outputPath!, result.GetValue(textColumn), environment);
        });
        return command;
    }

    public static int PredictText(string modelPath, string text, CliEnvironment environment)
    {
        var context = new MLContext(seed: 0);
        var model = ClassifierModel.Load(context, modelPath);
        if (model.TextColumns.Count != 1)
            throw CliException.Usage($"--text needs a single-text model; this one reads {string.Join(" and ", model.TextColumns)}.");
        var (predicted, probabilities) = Predict(context, model, text);
        environment.WriteLine($"PredictedLabel: {predicted}");
        var top = Enumerable.Range(0, probabilities.Length).OrderByDescending(c => probabilities[c]).ThenBy(c => c).Take(ShownClasses).ToList();
        int width = top.Max(c => model.ClassNames[c].Length);
        foreach (int c in top)
            environment.WriteLine(Invariant($"  {model.ClassNames[c].PadRight(width)}  {probabilities[c]:F4}"));
        return ExitCodes.Success;
    }

    public static int PredictDataset(string modelPath, string datasetPath, string outputPath, string? textColumn, CliEnvironment environment)
    {
        var data = CsvDataset.Open(datasetPath, "--dataset");
        if (Path.GetFullPath(outputPath) == data.Path) throw CliException.Usage($"--output '{outputPath}' is the input file; choose another path.");
        AtomicFile.CheckWritable(outputPath, "--output");
        var context = new MLContext(seed: 0);
        var model = ClassifierModel.Load(context, modelPath);
        var textInputs = ModelInputs.TextColumns(model, data, textColumn);
        // Every column as read, under its header name; a text column named differently from the model's is
        // added once more under the model's name (it comes last, so the model reads it).
        var columns = data.Header.Select((name, index) => (name, index)).ToList();
        columns.AddRange(textInputs.Where(t => data.IndexOf(t.Name) != t.Index));
        var input = new CancellableDataView(data.Load(columns), environment.Cancellation);
        var scored = model.Transform(input, mapLabels: false);

        var passThrough = Enumerable.Range(0, data.Header.Count).Select(i => scored.Schema[i]).ToArray();
        var header = data.Header.Concat([model.PredictedLabelColumn]).Concat(model.ClassNames.Select(c => ProbabilityColumnPrefix + c)).ToArray();
        long rows = 0;
        AtomicFile.Write(outputPath, stream =>
        {
            using var writer = new CsvWriter(stream);
            writer.WriteRecord(header);
            using var cursor = scored.GetRowCursor(passThrough.Concat(PredictionReader.Columns(model, scored.Schema)));
            var getters = passThrough.Select(c => cursor.GetGetter<ReadOnlyMemory<char>>(c)).ToArray();
            var reader = new PredictionReader(model, cursor);
            var probabilities = new float[model.ClassNames.Count];
            var fields = new string[header.Length];
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                for (int i = 0; i < getters.Length; i++)
                {
                    getters[i](ref value);
                    fields[i] = value.ToString();
                }
                fields[getters.Length] = reader.PredictedLabel();
                reader.Probabilities(probabilities);
                for (int c = 0; c < probabilities.Length; c++)
                    fields[getters.Length + 1 + c] = probabilities[c].ToString("R", CultureInfo.InvariantCulture);
                writer.WriteRecord(fields);
                rows++;
            }
            writer.Flush();
        }, environment.Cancellation);
        environment.WriteLine(Invariant($"Wrote {rows} predictions to {Path.GetFullPath(outputPath)}"));
        return ExitCodes.Success;
    }

    /// <summary>One text through ML.NET's PredictionEngine: every stage but the label mapping, the input and output
    /// classes bound to the model's column names by schema definitions. PredictedLabel is text after MapKeyToValue
    /// (models saved by `train`), else a key, mapped through the class names.</summary>
    private static (string PredictedLabel, float[] Probabilities) Predict(MLContext context, ClassifierModel model, string text)
    {
        var input = SchemaDefinition.Create(typeof(TextRow));
        input[nameof(TextRow.Text)].ColumnName = model.TextColumns[0];
        var scorer = model.WithoutLabelMapping();
        var outputSchema = scorer.GetOutputSchema(context.Data.LoadFromEnumerable(Array.Empty<TextRow>(), input).Schema);
        if (outputSchema[model.PredictedLabelColumn].Type is TextDataViewType)
        {
            var prediction = Predict<TextPrediction>(context, model, scorer, input, text);
            return (prediction.PredictedLabel, prediction.Score);
        }
        var keyed = Predict<KeyPrediction>(context, model, scorer, input, text);
        uint key = keyed.PredictedLabel;
        return (key >= 1 && key <= model.ClassNames.Count ? model.ClassNames[(int)key - 1] : "", keyed.Score);
    }

    private static TPrediction Predict<TPrediction>(MLContext context, ClassifierModel model, ITransformer scorer, SchemaDefinition input, string text)
        where TPrediction : class, new()
    {
        var output = SchemaDefinition.Create(typeof(TPrediction));
        output[nameof(TextPrediction.PredictedLabel)].ColumnName = model.PredictedLabelColumn;
        output[nameof(TextPrediction.Score)].ColumnName = model.ScoreColumn;
        using var engine = context.Model.CreatePredictionEngine<TextRow, TPrediction>(scorer, inputSchemaDefinition: input, outputSchemaDefinition: output);
        return engine.Predict(new TextRow { Text = text });
    }

    /// <summary>The one-row input of `predict --text`.</summary>
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class TextPrediction
    {
        public string PredictedLabel { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    private sealed class KeyPrediction
    {
        public uint PredictedLabel { get; set; }
        public float[] Score { get; set; } = [];
    }
}
