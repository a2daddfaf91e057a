// A text-classification model as the CLI saves it: ONE ML.NET model zip holding the chain
//   MapValueToKey(Label <- <label column>)  ->  AttentionTextClassification  ->  MapKeyToValue(PredictedLabel)
// with the CSV's columns (names as in the file, all Text) as its input schema, so that any ML.NET program
// loads it with mlContext.Model.Load and scores it with CreatePredictionEngine. This class finds the
// stages in a loaded (or just trained) chain and knows which input columns they read: `evaluate` feeds the
// label column to the label mapping under the name it was trained with; `predict` has no labels, so it
// applies every stage except the label mapping (the classifier never reads the label). Any chain whose
// stages include one AttentionTextClassificationTransformer loads; the label mapping is needed only to
// evaluate. Loading errors become one line naming the file (ML.NET calls our loader by reflection, so
// its InvalidDataException arrives wrapped in a TargetInvocationException).
using System.Reflection;
using Microsoft.ML.Transforms;
using MlNetAttention.Trainers;

namespace MlNetAttention.Cli.Model;

/// <summary>A loaded or trained classification pipeline and the roles of its stages.</summary>
internal sealed class ClassifierModel
{
    private readonly ITransformer[] _stages;

    public ClassifierModel(ITransformer pipeline, DataViewSchema inputSchema, string source)
    {
        Pipeline = pipeline;
        InputSchema = inputSchema;
        _stages = Flatten(pipeline).ToArray();
        var classifiers = _stages.OfType<AttentionTextClassificationTransformer>().ToList();
        if (classifiers.Count != 1)
            throw CliException.Failure(
                $"Model '{source}' holds {classifiers.Count} AttentionTextClassification stages; exactly one is expected " +
                $"(stages: {string.Join(", ", _stages.Select(s => s.GetType().Name))}).");
        Classifier = classifiers[0];
        var options = Classifier.Options;
        LabelKeyColumn = options.LabelColumnName;
        ScoreColumn = options.ScoreColumnName;
        PredictedLabelColumn = options.OutputColumnName;
        TextColumns = options.Sentence2ColumnName is { } second ? [options.Sentence1ColumnName, second] : [options.Sentence1ColumnName];
        (LabelMapping, LabelSourceColumn) = FindLabelMapping(_stages[..Array.IndexOf(_stages, Classifier)], inputSchema, LabelKeyColumn);
    }

    /// <summary>The whole pipeline, as saved.</summary>
    public ITransformer Pipeline { get; }

    /// <summary>The schema of the data the pipeline was trained on (saved with it).</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The trained classifier stage.</summary>
    public AttentionTextClassificationTransformer Classifier { get; }

    /// <summary>The MapValueToKey stage that makes the classifier's label, or null when the pipeline has none.</summary>
    public ValueToKeyMappingTransformer? LabelMapping { get; }

    /// <summary>The input column the label mapping reads (the --label-col of `train`), or null.</summary>
    public string? LabelSourceColumn { get; }

    /// <summary>The key column of the label (the classifier's LabelColumnName).</summary>
    public string LabelKeyColumn { get; }

    /// <summary>The probability vector column.</summary>
    public string ScoreColumn { get; }

    /// <summary>The predicted label column (text after MapKeyToValue, else a key).</summary>
    public string PredictedLabelColumn { get; }

    /// <summary>The text column(s) the classifier reads: one, or two for a sentence-pair model.</summary>
    public IReadOnlyList<string> TextColumns { get; }

    /// <summary>The class names, in the order of the Score vector.</summary>
    public IReadOnlyList<string> ClassNames => Classifier.ClassNames;

    /// <summary>Loads a model file with ML.NET (mlContext.Model.Load).</summary>
    /// <exception cref="CliException">The file is missing, not a model, damaged, or not a text classifier.</exception>
    public static ClassifierModel Load(MLContext context, string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw CliException.Failure($"--model '{path}' is a folder, not a model file.");
        if (!File.Exists(full)) throw CliException.Failure($"--model: file '{path}' does not exist.");
        ITransformer pipeline;
        DataViewSchema inputSchema;
        try
        {
            pipeline = context.Model.Load(full, out inputSchema);
        }
        catch (Exception e) when (Unwrap(e) is InvalidDataException ours && ours.Message.StartsWith("Model '", StringComparison.Ordinal))
        {
            // Our transformer's loader: "Model 'FILE': entry '...' is invalid: ..." already names the file and the entry.
            throw CliException.Failure(ours.Message);
        }
        catch (Exception e) when (Unwrap(e) is FormatException or InvalidDataException or InvalidOperationException or NotSupportedException)
        {
            string reason = Unwrap(e) is FormatException or InvalidDataException && !IsZip(full)
                ? "it is not a zip archive"
                : Unwrap(e).Message;
            throw CliException.Failure($"Model '{path}' is damaged or is not an ML.NET model file: {reason}.");
        }
        return new ClassifierModel(pipeline, inputSchema, path);
    }

    /// <summary>Scores <paramref name="data"/>. With <paramref name="mapLabels"/> the label mapping runs (the data needs
    /// the label column under <see cref="LabelSourceColumn"/>); without it the label is not read (prediction on
    /// unlabelled data). With <paramref name="predictedLabelAsKey"/> the stages after the classifier are left out, so
    /// that PredictedLabel stays the key ML.NET's evaluator expects.</summary>
    public IDataView Transform(IDataView data, bool mapLabels, bool predictedLabelAsKey = false)
    {
        if (mapLabels && LabelMapping is null)
            throw CliException.Usage(
                $"The model has no label mapping (a MapValueToKey stage producing '{LabelKeyColumn}'), so it cannot be evaluated " +
                "against a label column; train it with `mlnet-attention train`, or include MapValueToKey in the saved pipeline.");
        foreach (var stage in _stages)
        {
            if (!mapLabels && ReferenceEquals(stage, LabelMapping)) continue;
            data = stage.Transform(data);
            if (predictedLabelAsKey && ReferenceEquals(stage, Classifier)) break;
        }
        return data;
    }

    /// <summary>Every stage but the label mapping, as one chain: what scores unlabelled rows.</summary>
    public ITransformer WithoutLabelMapping() =>
        new TransformerChain<ITransformer>(_stages.Where(s => !ReferenceEquals(s, LabelMapping)).ToArray());

    /// <summary>The stages of a chain, nested chains opened.</summary>
    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    /// <summary>The last MapValueToKey before the classifier that writes <paramref name="keyColumn"/>, and the input column it reads
    /// (found through the public IRowToRowMapper.GetDependencies, since ML.NET keeps the column pairs internal).</summary>
    private static (ValueToKeyMappingTransformer?, string?) FindLabelMapping(ITransformer[] before, DataViewSchema inputSchema, string keyColumn)
    {
        (ValueToKeyMappingTransformer?, string?) found = (null, null);
        var schema = inputSchema;
        foreach (var stage in before)
        {
            if (stage is ValueToKeyMappingTransformer mapping)
            {
                var mapper = ((ITransformer)mapping).GetRowToRowMapper(schema);
                if (mapper.OutputSchema.GetColumnOrNull(keyColumn) is { } key && !IsPassedThrough(key, schema))
                    found = (mapping, mapper.GetDependencies([key]).Select(c => c.Name).LastOrDefault());
            }
            schema = stage.GetOutputSchema(schema);
        }
        return found;
    }

    private static bool IsPassedThrough(DataViewSchema.Column column, DataViewSchema input) =>
        column.Index < input.Count && input[column.Index].Name == column.Name;

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException { InnerException: { } inner }) e = inner;
        return e;
    }

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }
}
