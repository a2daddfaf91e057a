// The fitted text classifier, an ML.NET transformer shaped like a multiclass trainer's prediction
// transformer. It reads the sentence column(s) and adds PredictedLabel and Score exactly as ML.NET's
// multiclass trainers add them (ScoreColumns), plus, with OutputAttentionWeights, AttentionWeights (one
// pooling weight per token of the encoded input, [CLS] and [SEP] included, averaged over the attention
// hops; they sum to 1 and align with Tokens) and Tokens. For Mean pooling every weight is 1/L, for
// FirstToken all of it is on [CLS]; for the attention kinds it is attention pooling's A (for
// AttentionAndMean, the attention half).
// Transform is lazy and scores in batches read ahead from the input (ScoredDataView); the row mapper
// (ScoringRowMapper) scores single rows for PredictionEngine. Concurrent cursors and rows each rent
// their own engine instance (InferenceModelPool), so any number of threads may read the output, or use
// PredictionEngines, at once. Saving: see the .Persistence file.
using MlNetAttention.Neural.Model;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

/// <summary>Scores texts with a trained attention text classifier.</summary>
public sealed partial class AttentionTextClassificationTransformer : ITransformer
{
    /// <summary>Name of the per-token pooling-weight column added when OutputAttentionWeights is set.</summary>
    public const string AttentionWeightsColumnName = "AttentionWeights";

    /// <summary>Name of the token-string column added when OutputAttentionWeights is set.</summary>
    public const string TokensColumnName = "Tokens";

    private readonly AttentionTextClassificationTrainer.Options _options;
    private readonly ClassLabels _classes;
    private readonly byte[] _weights;

    internal AttentionTextClassificationTransformer(Tokenizer tokenizer, byte[] weights, EncoderClassifier loaded,
        ClassLabels classes, AttentionTextClassificationTrainer.Options options, TrainingSummary summary,
        PretrainedEncoderIdentity? pretrainedEncoder)
    {
        PretrainedEncoder = pretrainedEncoder;
        _weights = weights;
        _classes = classes;
        _options = WithoutRunTimeState(options);
        TrainingSummary = summary;
        ModelConfig = loaded.Config;
        Encoder = new SequenceEncoder(tokenizer, summary.MaximumSequenceLength, options.Sentence2ColumnName is not null,
            summary.NgramMaximumLength, tokenTypes: loaded.Config is { Encoder: EncoderKind.Bert, TokenTypeCount: > 1 });
        Pool = new InferenceModelPool(weights, options.NumberOfThreads ?? 0, loaded);
    }

    internal SequenceEncoder Encoder { get; }
    internal InferenceModelPool Pool { get; }
    internal EncoderClassifierConfig ModelConfig { get; }

    /// <summary>The options the model was trained with (a copy; Progress, CancellationToken and
    /// ValidationSet are not kept).</summary>
    public AttentionTextClassificationTrainer.Options Options => _options.Clone();

    /// <summary>The pretrained encoder the model was fine-tuned from (name, SHA-256, shape); null for Encoder "scratch".</summary>
    public PretrainedEncoderIdentity? PretrainedEncoder { get; }

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
        FindSentences(inputSchema);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema.AsEnumerable());
        builder.AddColumns(ScoreColumns.For(inputSchema, _classes, _options));
        return builder.ToSchema();
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (first, second) = FindSentences(input.Schema);
        return new ScoredDataView(this, input, GetOutputSchema(input.Schema), first, second);
    }

    /// <summary>Always true: the classifier maps each row on its own.</summary>
    public bool IsRowToRowMapper => true;

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScoringRowMapper(this, inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => MlNetInternals.TransformerLoader.Save(this, ctx);

    /// <summary>The sentence column(s) of <paramref name="schema"/>, checked to be text.</summary>
    internal (DataViewSchema.Column First, DataViewSchema.Column? Second) FindSentences(DataViewSchema schema) =>
        InputColumns.FindSentences(schema, _options.Sentence1ColumnName, _options.Sentence2ColumnName);

    private static AttentionTextClassificationTrainer.Options WithoutRunTimeState(AttentionTextClassificationTrainer.Options options)
    {
        var copy = options.Clone();
        copy.ValidationSet = null;
        copy.Progress = null;
        copy.CancellationToken = CancellationToken.None;
        return copy;
    }
}
