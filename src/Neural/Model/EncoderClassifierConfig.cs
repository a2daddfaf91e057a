// The architecture and regularisation of the encoder classifier, saved in the weights file. Defaults
// are the PyTorch reference's (../shared/anchors/torch_reference.py) so that a default model is the
// same computation the speed and accuracy anchors measure; the trainer sets its own recipe on top.
using System.Text.Json;
using System.Text.Json.Serialization;
using MlNetAttention.Neural.Layers;

namespace MlNetAttention.Neural.Model;

public sealed record EncoderClassifierConfig
{
    /// <summary>Rows of the token-embedding table. Id 0 is [PAD] (never trained, never attended);
    /// the trainer's vocabulary decides the rest. Must be ≥ 2 (PAD and UNK).</summary>
    public required int VocabularySize { get; init; }

    /// <summary>Number of classes of the classifier head (≥ 2).</summary>
    public required int ClassCount { get; init; }

    /// <summary>Longest sequence, in tokens; the size of the learned position table. Default 128, the
    /// reference's --maxlen.</summary>
    public int MaxLength { get; init; } = 128;

    /// <summary>Model width C (d_model). Default 128 (reference --d).</summary>
    public int ModelDimension { get; init; } = 128;

    /// <summary>Attention heads NH; ModelDimension must be a multiple of it. Default 4 (reference --heads).</summary>
    public int HeadCount { get; init; } = 4;

    /// <summary>Encoder blocks. 0 pools straight over the embeddings. Default 2 (reference --layers).</summary>
    public int LayerCount { get; init; } = 2;

    /// <summary>Hidden width of each block's feed-forward network. Default 512 = 4·C (reference --ff).</summary>
    public int FeedForwardDimension { get; init; } = 512;

    /// <summary>Reduction of the token states to one vector. Default Attention (the reference's Pool).</summary>
    public PoolingKind Pooling { get; init; } = PoolingKind.Attention;

    /// <summary>d_a, the hidden width of attention pooling's W1 (Lin et al. 2017). Default 64 (reference da).</summary>
    public int PoolingHiddenDimension { get; init; } = 64;

    /// <summary>r, attention pooling's hops (rows of A). Default 4 (reference --hops).</summary>
    public int PoolingHops { get; init; } = 4;

    /// <summary>Learned, sinusoidal or no position encoding. Default Learned (reference nn.Embedding).</summary>
    public PositionEncodingKind PositionEncoding { get; init; } = PositionEncodingKind.Learned;

    /// <summary>Dropout on the attention probabilities inside self-attention. Default 0.1 (torch's
    /// TransformerEncoderLayer dropout=0.1 in the reference).</summary>
    public float AttentionDropout { get; init; } = 0.1f;

    /// <summary>Dropout on each residual branch (after out_proj and after linear2: torch's dropout1 and
    /// dropout2). Default 0.1, as the reference.</summary>
    public float ResidualDropout { get; init; } = 0.1f;

    /// <summary>Dropout after the GELU inside the feed-forward network (torch's layer.dropout). Default 0.1.</summary>
    public float FeedForwardDropout { get; init; } = 0.1f;

    /// <summary>Dropout on token + position embeddings. Default 0 (the reference has none; the product's
    /// measured best recipe uses 0.3).</summary>
    public float EmbeddingDropout { get; init; }

    /// <summary>Probability that a training token is replaced by <see cref="UnknownTokenId"/> (word
    /// dropout). Default 0 (recipe: 0.1).</summary>
    public float WordDropout { get; init; }

    /// <summary>The [UNK] id used by word dropout. Default 1, the reference's "&lt;unk&gt;".</summary>
    public int UnknownTokenId { get; init; } = 1;

    /// <summary>Dropout on the pooled features before the classifier. Default 0 (reference: none).</summary>
    public float ClassifierDropout { get; init; }

    /// <summary>Width D of the n-gram bag ("wide" path, Layers/NgramEmbeddingBag): the mean of the
    /// sequence's unigram and hashed n-gram embeddings, concatenated to the pooled features. 0 turns the
    /// path off. Default 0 (the reference has none).</summary>
    public int NgramDimension { get; init; }

    /// <summary>n_max, the longest n-gram in the bag (1 = unigrams only). Default 2 (unigrams and
    /// bigrams, fastText's -wordNgrams 2). Used only when NgramDimension &gt; 0.</summary>
    public int NgramOrder { get; init; } = 2;

    /// <summary>Hash buckets NB of the n-grams of order ≥ 2 (rows after the V unigram rows). Default
    /// 2^18. Used only when NgramDimension &gt; 0 and NgramOrder ≥ 2 or the bag has subword rows.</summary>
    public int NgramBuckets { get; init; } = 1 << 18;

    /// <summary>Shortest character n-gram of the bag's subword rows (Layers/SubwordRows, fastText's
    /// -minn). Used only when <see cref="SubwordMaximumLength"/> &gt; 0. Default 0.</summary>
    public int SubwordMinimumLength { get; init; }

    /// <summary>Longest character n-gram of the bag's subword rows (fastText's -maxn); 0 turns them off.
    /// They hash into the NgramBuckets rows, and the model then needs the vocabulary's SubwordRows.
    /// Default 0 (the reference has none).</summary>
    public int SubwordMaximumLength { get; init; }

    /// <summary>Epsilon of every layer norm. Default 1e-5, torch.nn.LayerNorm's.</summary>
    public float LayerNormEpsilon { get; init; } = 1e-5f;

    /// <summary>The encoder's layout: Scratch (pre-LN, the default) or Bert (post-LN, pretrained weights;
    /// then LayerNormEpsilon is the checkpoint's, 1e-12 for BERT, and PositionEncoding must be Learned).</summary>
    public EncoderKind Encoder { get; init; } = EncoderKind.Scratch;

    /// <summary>Rows of the BERT token-type (segment) table; 2 in BERT checkpoints (sentence A / B).
    /// Must be 0 for the scratch encoder, which has no such table, and ≥ 1 for Bert. Default 0.</summary>
    public int TokenTypeCount { get; init; }

    /// <summary>Width of one attention head, C / NH.</summary>
    [JsonIgnore] public int HeadDimension => ModelDimension / HeadCount;

    /// <summary>Width of the encoder's pooled features (the first columns the classifier reads).</summary>
    [JsonIgnore]
    public int EncoderPooledDimension => Pooling switch
    {
        PoolingKind.Attention => PoolingHops * ModelDimension,
        PoolingKind.AttentionAndMean => PoolingHops * ModelDimension + ModelDimension,
        _ => ModelDimension,
    };

    /// <summary>Width of the feature vector the classifier reads: the encoder's pooled features, then
    /// the n-gram bag's.</summary>
    [JsonIgnore] public int PooledDimension => EncoderPooledDimension + NgramDimension;

    /// <summary>Whether the model has the n-gram bag ("wide") path.</summary>
    [JsonIgnore] public bool UsesNgramBag => NgramDimension > 0;

    /// <summary>Whether the n-gram bag also reads the tokens' character n-grams (subword rows).</summary>
    [JsonIgnore] public bool UsesSubwords => UsesNgramBag && SubwordMaximumLength > 0;

    /// <summary>Rows of the n-gram bag's table: V unigrams, then the hash buckets when NgramOrder ≥ 2 or
    /// the bag has subword rows.</summary>
    [JsonIgnore] public long NgramTableRows => VocabularySize + (NgramOrder >= 2 || UsesSubwords ? (long)NgramBuckets : 0);

    /// <summary>Whether the pooling has the W1/W2 attention parameters.</summary>
    [JsonIgnore] public bool UsesAttentionPooling => Pooling is PoolingKind.Attention or PoolingKind.AttentionAndMean;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(VocabularySize >= 2, nameof(VocabularySize), VocabularySize, "must be at least 2 ([PAD] and [UNK])");
        Require(ClassCount >= 2, nameof(ClassCount), ClassCount, "must be at least 2");
        Require(MaxLength >= 1, nameof(MaxLength), MaxLength, "must be positive");
        Require(ModelDimension >= 1, nameof(ModelDimension), ModelDimension, "must be positive");
        Require(HeadCount >= 1, nameof(HeadCount), HeadCount, "must be positive");
        Require(ModelDimension % HeadCount == 0, nameof(HeadCount), HeadCount, $"must divide ModelDimension {ModelDimension}");
        Require(LayerCount >= 0, nameof(LayerCount), LayerCount, "must not be negative");
        Require(FeedForwardDimension >= 1, nameof(FeedForwardDimension), FeedForwardDimension, "must be positive");
        Require(Enum.IsDefined(Pooling), nameof(Pooling), Pooling, "is not a defined pooling kind");
        Require(Enum.IsDefined(PositionEncoding), nameof(PositionEncoding), PositionEncoding, "is not a defined position encoding");
        Require(PoolingHiddenDimension >= 1, nameof(PoolingHiddenDimension), PoolingHiddenDimension, "must be positive");
        Require(PoolingHops >= 1, nameof(PoolingHops), PoolingHops, "must be positive");
        RequireProbability(AttentionDropout, nameof(AttentionDropout));
        RequireProbability(ResidualDropout, nameof(ResidualDropout));
        RequireProbability(FeedForwardDropout, nameof(FeedForwardDropout));
        RequireProbability(EmbeddingDropout, nameof(EmbeddingDropout));
        RequireProbability(WordDropout, nameof(WordDropout));
        RequireProbability(ClassifierDropout, nameof(ClassifierDropout));
        Require(UnknownTokenId >= 1 && UnknownTokenId < VocabularySize, nameof(UnknownTokenId), UnknownTokenId,
            $"must be in [1, {VocabularySize}) (0 is [PAD])");
        Require(NgramDimension >= 0, nameof(NgramDimension), NgramDimension, "must not be negative (0 = no n-gram bag)");
        Require(NgramOrder >= 1, nameof(NgramOrder), NgramOrder, "must be at least 1 (unigrams)");
        Require(NgramBuckets >= 1, nameof(NgramBuckets), NgramBuckets, "must be positive");
        Require(SubwordMaximumLength >= 0 && SubwordMaximumLength <= SubwordRows.MaximumNgramLength, nameof(SubwordMaximumLength),
            SubwordMaximumLength, $"must be in [0, {SubwordRows.MaximumNgramLength}] (0 = no subword rows)");
        Require(SubwordMaximumLength == 0 || SubwordMinimumLength >= 1 && SubwordMinimumLength <= SubwordMaximumLength,
            nameof(SubwordMinimumLength), SubwordMinimumLength, $"must be in [1, SubwordMaximumLength {SubwordMaximumLength}]");
        Require(!UsesNgramBag || NgramTableRows * NgramDimension <= MaximumNgramTableLength, nameof(NgramBuckets), NgramBuckets,
            $"makes the n-gram table (VocabularySize + NgramBuckets) × NgramDimension = {NgramTableRows} × {NgramDimension} exceed {MaximumNgramTableLength} floats");
        Require(Enum.IsDefined(Encoder), nameof(Encoder), Encoder, "is not a defined encoder kind");
        if (Encoder == EncoderKind.Bert)
        {
            Require(TokenTypeCount >= 1, nameof(TokenTypeCount), TokenTypeCount, "must be at least 1 for the Bert encoder");
            Require(PositionEncoding == PositionEncodingKind.Learned, nameof(PositionEncoding), PositionEncoding,
                "must be Learned for the Bert encoder (its position table is a parameter)");
        }
        else
        {
            Require(TokenTypeCount == 0, nameof(TokenTypeCount), TokenTypeCount, "must be 0 for the scratch encoder (it has no token-type table)");
        }
        Require(LayerNormEpsilon > 0f && float.IsFinite(LayerNormEpsilon), nameof(LayerNormEpsilon), LayerNormEpsilon, "must be positive and finite");
    }

    /// <summary>Largest n-gram table, in floats (1 GiB): parameters, gradients and two AdamW moments each hold one.</summary>
    public const long MaximumNgramTableLength = 1L << 28;

    /// <summary>The configuration as JSON (enums by name), as stored in the weights file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates a configuration written by <see cref="ToJson"/>.</summary>
    public static EncoderClassifierConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        EncoderClassifierConfig config;
        try
        {
            config = JsonSerializer.Deserialize<EncoderClassifierConfig>(json, JsonOptions)
                ?? throw new ArgumentException("the configuration JSON is null.", nameof(json));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"the configuration JSON is invalid: {e.Message}", nameof(json), e);
        }
        config.Validate();
        return config;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static void Require(bool condition, string name, object value, string rule)
    {
        if (!condition) throw new ArgumentException($"{name} {rule}; got {value}.", name);
    }

    private static void RequireProbability(float p, string name) =>
        Require(p >= 0f && p < 1f, name, p, "must be a probability in [0, 1)");
}
