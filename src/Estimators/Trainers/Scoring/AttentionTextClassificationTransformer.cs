// The fitted text classifier, as the prediction transformer of an ML.NET multiclass trainer. It reads
// the sentence column(s) and adds:
//   Score            Vector<Single, K>  class probabilities (softmax, sum 1), SlotNames = class names
//   PredictedLabel   Key<UInt32, K>     argmax of Score (first on ties), KeyValues = the label's
//   AttentionWeights Vector<Single>     (OutputAttentionWeights only) one pooling weight per token of
//                                       the encoded input, [CLS] and [SEP] included, averaged over the
//                                       attention hops; they sum to 1 and align with Tokens
//   Tokens           Vector<Text>       (OutputAttentionWeights only) the vocabulary token of each id
// For Mean pooling every weight is 1/L, for FirstToken all of it is on [CLS]; for the attention kinds
// it is attention pooling's A (for AttentionAndMean, the attention half).
// Transform is lazy and scores in batches read ahead from the input (ScoredDataView); concurrent
// cursors each rent their own engine instance (InferenceModelPool), so any number of threads may read
// the output, or use PredictionEngines, at once. Saving: see the .Persistence file.
using MlNetAttention.Data;
using MlNetAttention.Neural.Model;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

/// <summary>Scores texts with a trained attention text classifier.</summary>
public sealed partial class AttentionTextClassificationTransformer : ITransformer, ICanSaveModel
{
    /// <summary>Name of the per-token pooling-weight column added when OutputAttentionWeights is set.</summary>
    public const string AttentionWeightsColumnName = "AttentionWeights";

    /// <summary>Name of the token-string column added when OutputAttentionWeights is set.</summary>
    public const string TokensColumnName = "Tokens";

    private readonly AttentionTextClassificationTrainer.Options _options;
    private readonly ClassLabels _classes;
    private readonly byte[] _weights;

    internal AttentionTextClassificationTransformer(Tokenizer tokenizer, byte[] weights, EncoderClassifier loaded,
        ClassLabels classes, AttentionTextClassificationTrainer.Options options, TrainingSummary summary)
    {
        _weights = weights;
        _classes = classes;
        _options = WithoutRunTimeState(options);
        TrainingSummary = summary;
        ModelConfig = loaded.Config;
        Encoder = new SequenceEncoder(tokenizer, summary.MaximumSequenceLength, options.Sentence2ColumnName is not null,
            summary.NgramMaximumLength);
        Pool = new InferenceModelPool(weights, options.NumberOfThreads ?? 0, loaded);
    }

    internal SequenceEncoder Encoder { get; }
    internal InferenceModelPool Pool { get; }
    internal EncoderClassifierConfig ModelConfig { get; }

    /// <summary>The options the model was trained with (a copy; Progress, CancellationToken and
    /// ValidationSet are not kept).</summary>
    public AttentionTextClassificationTrainer.Options Options => _options.Clone();

    /// <summary>What training did and decided (sequence length, vocabulary, epochs, speed).</summary>
    public TrainingSummary TrainingSummary { get; }

    /// <summary>The learned tokenizer (immutable, thread-safe).</summary>
    public Tokenizer Tokenizer => Encoder.Tokenizer;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _classes.Count;

    /// <summary>The class names in key order (Score's SlotNames).</summary>
    public IReadOnlyList<string> ClassNames => _classes.Names;

    /// <summary>The longest model input in tokens; longer texts are cut.</summary>
    public int MaximumSequenceLength => Encoder.MaximumLength;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputColumns.FindSentences(inputSchema, _options.Sentence1ColumnName, _options.Sentence2ColumnName);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema.AsEnumerable());
        builder.AddColumns(OutputColumns());
        return builder.ToSchema();
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (first, second) = InputColumns.FindSentences(input.Schema, _options.Sentence1ColumnName, _options.Sentence2ColumnName);
        return new ScoredDataView(this, input, GetOutputSchema(input.Schema), first, second);
    }

    /// <summary>The added columns, in order: Score, PredictedLabel, then AttentionWeights and Tokens.</summary>
    private IEnumerable<DataViewSchema.DetachedColumn> OutputColumns()
    {
        var slotNames = new DataViewSchema.Annotations.Builder();
        _classes.AddSlotNames(slotNames);
        yield return new(_options.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, _classes.Count), slotNames.ToAnnotations());
        var keyValues = new DataViewSchema.Annotations.Builder();
        _classes.AddKeyValues(keyValues);
        yield return new(_options.OutputColumnName, new KeyDataViewType(typeof(uint), _classes.Count), keyValues.ToAnnotations());
        if (!_options.OutputAttentionWeights) yield break;
        yield return new(AttentionWeightsColumnName, new VectorDataViewType(NumberDataViewType.Single));
        yield return new(TokensColumnName, new VectorDataViewType(TextDataViewType.Instance));
    }

    /// <summary>The shapes of the added columns, for the trainer's GetOutputSchema.</summary>
    /// <param name="options">The trainer's options (column names, OutputAttentionWeights).</param>
    /// <param name="labelKeyValues">The shape of the label's KeyValues annotation, if it has one; PredictedLabel copies it.</param>
    internal static SchemaShape.Column[] OutputShape(AttentionTextClassificationTrainer.Options options, SchemaShape.Column? labelKeyValues)
    {
        var slotNames = new SchemaShape([new SchemaShape.Column(AnnotationUtils.Kinds.SlotNames,
            SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false)]);
        var keyValues = new SchemaShape(labelKeyValues is { } kv ? [kv] : []);
        var columns = new List<SchemaShape.Column>
        {
            new(options.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, slotNames),
            new(options.OutputColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, keyValues),
        };
        if (options.OutputAttentionWeights)
        {
            columns.Add(new(AttentionWeightsColumnName, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Single, false));
            columns.Add(new(TokensColumnName, SchemaShape.Column.VectorKind.VariableVector, TextDataViewType.Instance, false));
        }
        return [.. columns];
    }

    private static AttentionTextClassificationTrainer.Options WithoutRunTimeState(AttentionTextClassificationTrainer.Options options)
    {
        var copy = options.Clone();
        copy.ValidationSet = null;
        copy.Progress = null;
        copy.CancellationToken = CancellationToken.None;
        return copy;
    }
}
