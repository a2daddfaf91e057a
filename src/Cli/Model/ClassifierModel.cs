// A text-classification model as the CLI saves it: ONE pipeline
//   MapValueToKey(Label <- <label column>)  ->  AttentionTextClassification  ->  MapKeyToValue(PredictedLabel)
// so that `evaluate` and `predict` need only the .zip and a CSV. This class finds the stages in a loaded
// (or just trained) chain and knows which input columns they read: `evaluate` feeds the label column to
// the label mapping under the name it was trained with; `predict` has no labels, so it applies every
// stage except the label mapping (the classifier never reads the label). Any pipeline whose stages include
// one AttentionTextClassificationTransformer loads; the label mapping is needed only to evaluate.
using MlNetAttention.Data;
using MlNetAttention.Trainers;
using MlNetAttention.Transforms;

namespace MlNetAttention.Cli.Model;

/// <summary>A loaded or trained classification pipeline and the roles of its stages.</summary>
internal sealed class ClassifierModel
{
    private readonly ITransformer[] _stages;

    public ClassifierModel(ITransformer pipeline, DataViewSchema inputSchema, string source)
    {
        Pipeline = pipeline;
        InputSchema = inputSchema;
        _stages = pipeline is IEnumerable<ITransformer> chain ? chain.ToArray() : [pipeline];
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
        int classifierIndex = Array.IndexOf(_stages, Classifier);
        LabelMapping = _stages.Take(classifierIndex).OfType<ValueToKeyMappingTransformer>()
            .LastOrDefault(m => m.Columns.Any(c => c.OutputColumnName == LabelKeyColumn));
        LabelSourceColumn = LabelMapping?.Columns.Last(c => c.OutputColumnName == LabelKeyColumn).InputColumnName;
    }

    /// <summary>The whole pipeline, as saved.</summary>
    public ITransformer Pipeline { get; }

    /// <summary>The schema of the data the pipeline was trained on (saved with it).</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The trained classifier stage.</summary>
    public AttentionTextClassificationTransformer Classifier { get; }

    /// <summary>The MapValueToKey stage that makes the classifier's label, or null when the pipeline has none.</summary>
    public ValueToKeyMappingTransformer? LabelMapping { get; }

    /// <summary>The CSV column the label mapping reads (the --label-col of `train`), or null.</summary>
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

    /// <summary>Loads a model file.</summary>
    /// <exception cref="CliException">The file is missing, not a model, damaged, or not a text classifier.</exception>
    public static ClassifierModel Load(MLContext context, string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw CliException.Failure($"--model: file '{path}' does not exist.");
        // A damaged or foreign file is an InvalidDataException or FormatException naming the file and the
        // problem; ErrorReporting prints it as is (exit code 1).
        var pipeline = context.Model.Load(full, out var inputSchema);
        return new ClassifierModel(pipeline, inputSchema, path);
    }

    /// <summary>Scores <paramref name="data"/> with the label mapping (needs the label column under
    /// <see cref="LabelSourceColumn"/>) or without it (prediction on unlabelled data).</summary>
    public IDataView Transform(IDataView data, bool mapLabels)
    {
        if (mapLabels && LabelMapping is null)
            throw CliException.Usage(
                $"The model has no label mapping (a MapValueToKey stage producing '{LabelKeyColumn}'), so it cannot be evaluated " +
                "against a label column; train it with `mlnet-attention train`, or include MapValueToKey in the saved pipeline.");
        foreach (var stage in _stages)
        {
            if (!mapLabels && ReferenceEquals(stage, LabelMapping)) continue;
            data = stage.Transform(data);
        }
        return data;
    }
}
