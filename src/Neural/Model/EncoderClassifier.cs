// The text classifier the trainer drives: token + position embeddings → N pre-LN encoder blocks →
// final layer norm (or, for EncoderKind.Bert, Layers/BertEncoder's post-LN BERT layout) → pooling (attention, mean, first token, or attention + mean) [‖ n-gram bag] →
// dropout → linear → softmax, trained with softmax cross-entropy (+ Lin et al.'s penalty), global-norm
// clipping and AdamW. Without the n-gram bag (NgramDimension 0) it is the same computation, parameter
// for parameter, as the PyTorch reference (../shared/anchors/torch_reference.py); ModelParameters
// documents the name mapping. The bag ("wide" path, Layers/NgramEmbeddingBag) is updated lazily: only
// the table rows a step touched are zeroed, clipped and stepped (TouchedRows).
//
// Contract: created from (config, seed); one parameter arena and one gradient arena; activations
// allocated once for the largest batch capacity seen (Capacity × MaxLength, worst case), training-only
// buffers only when training, so TrainStep and Predict allocate nothing in steady state; dropout masks
// come from a counter-based generator seeded by the model's seed, so the same seed, data and thread
// count give bit-identical weights. An instance is not thread-safe: one call at a time (its kernels
// use WorkerPool.Shared for parallelism inside).
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Neural.Model;

public sealed partial class EncoderClassifier
{
    private readonly ModelParameters _parameters;
    private readonly AdamW _optimizer;
    private readonly TouchedRows? _touchedNgramRows; // rows of the n-gram table with a gradient (lazy updates)
    private readonly float[] _classWeights;   // (K) or empty
    private SplitMix64 _dropoutStream;
    private int _threadCount;

    /// <summary>Creates a model with PyTorch-style initial weights drawn from <paramref name="seed"/>.
    /// <paramref name="subwords"/>: the vocabulary's subword rows, needed exactly when the configuration
    /// has them (<see cref="EncoderClassifierConfig.UsesSubwords"/>).</summary>
    public EncoderClassifier(EncoderClassifierConfig config, int seed, TrainingOptions? training = null, SubwordRows? subwords = null)
        : this(config, seed, training, subwords, initialize: true)
    {
    }

    private EncoderClassifier(EncoderClassifierConfig config, int seed, TrainingOptions? training, SubwordRows? subwords, bool initialize)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        CheckSubwords(config, subwords);
        Subwords = subwords;
        training ??= new TrainingOptions();
        training.Validate(config.ClassCount);
        Config = config;
        Training = training;
        Seed = seed;
        _parameters = new ModelParameters(config);
        if (initialize) _parameters.Initialize(seed);
        _touchedNgramRows = config.UsesNgramBag ? new TouchedRows(_parameters.NgramEmbedding!) : null;
        _optimizer = new AdamW(_parameters.Arena, training.AdamW, _touchedNgramRows is null ? null : [_touchedNgramRows],
            training.NgramLearningRateScale,
            config.Encoder == EncoderKind.Bert && training.HeadLearningRateScale != 1f
                ? t => BertParameters.IsEncoderTensor(t.Name) ? 1f : training.HeadLearningRateScale
                : null);
        _classWeights = training.ClassWeights?.ToArray() ?? [];
        _dropoutStream = new SplitMix64(SplitMix64.Mix((ulong)(uint)seed ^ 0xD809_0D7E_5EED_0001UL));
        bool scratch = config.Encoder == EncoderKind.Scratch;
        _embeddings = scratch ? new Embeddings(config, _parameters) : null;
        _blocks = new EncoderBlock[scratch ? config.LayerCount : 0];
        for (int i = 0; i < _blocks.Length; i++) _blocks[i] = new EncoderBlock(config, _parameters.Blocks[i]);
        _finalNorm = scratch ? new LayerNorm(config.ModelDimension, config.LayerNormEpsilon) : null;
        _bert = scratch ? null : new BertEncoder(config, _parameters);
        _attentionPooling = config.UsesAttentionPooling ? new AttentionPooling(config, _parameters) : null;
        _ngramBag = config.UsesNgramBag ? new NgramEmbeddingBag(config, _parameters.Arena, _parameters.NgramEmbedding!, subwords) : null;
        _scratch = new BackwardScratch(config.ModelDimension, config.FeedForwardDimension, config.HeadCount);
        _residuals = new float[scratch ? config.LayerCount + 1 : 0][];
        for (int l = 0; l < _residuals.Length; l++) _residuals[l] = [];
    }

    public EncoderClassifierConfig Config { get; }

    /// <summary>The subword rows of the n-gram bag; null when the configuration has none.</summary>
    public SubwordRows? Subwords { get; }

    private static void CheckSubwords(EncoderClassifierConfig config, SubwordRows? subwords)
    {
        if (!config.UsesSubwords)
        {
            if (subwords is not null)
                throw new ArgumentException("subword rows were given for a configuration without them (SubwordMaximumLength 0 or no n-gram bag).", nameof(subwords));
            return;
        }
        if (subwords is null)
            throw new ArgumentException($"the configuration has subword rows (SubwordMaximumLength {config.SubwordMaximumLength}): pass the vocabulary's SubwordRows.", nameof(subwords));
        if (subwords.VocabularySize != config.VocabularySize || subwords.Buckets != config.NgramBuckets
            || subwords.MinimumLength != config.SubwordMinimumLength || subwords.MaximumLength != config.SubwordMaximumLength)
            throw new ArgumentException(
                $"the subword rows (vocabulary {subwords.VocabularySize}, buckets {subwords.Buckets}, n-grams {subwords.MinimumLength}–{subwords.MaximumLength}) " +
                $"do not match the configuration (vocabulary {config.VocabularySize}, buckets {config.NgramBuckets}, n-grams {config.SubwordMinimumLength}–{config.SubwordMaximumLength}).",
                nameof(subwords));
    }

    public TrainingOptions Training { get; }

    /// <summary>The seed of the initial weights and of the dropout masks.</summary>
    public int Seed { get; }

    /// <summary>Every parameter and gradient, in one arena each.</summary>
    public ParameterArena Parameters => _parameters.Arena;

    /// <summary>Optimizer steps taken (AdamW's t).</summary>
    public long StepCount => _optimizer.StepCount;

    /// <summary>Global gradient norm of the last TrainStep, before clipping.</summary>
    public double LastGradientNorm { get; private set; }

    /// <summary>Most threads a step may use (0 = all of WorkerPool.Shared). Results are bit-identical
    /// for a given thread count (and, by construction of every kernel, for any thread count).</summary>
    public int ThreadCount
    {
        get => _threadCount;
        set => _threadCount = value >= 0 ? value
            : throw new ArgumentException($"ThreadCount must be ≥ 0 (0 = all); got {value}.", nameof(ThreadCount));
    }

    /// <summary>
    /// One training step: forward with dropout, backward, global-norm clipping, AdamW at
    /// <paramref name="learningRate"/>. Returns the loss being minimised (cross-entropy + λ·penalty).
    /// </summary>
    public float TrainStep(TokenBatch batch, float learningRate)
    {
        if (!(learningRate >= 0f && float.IsFinite(learningRate)))
            throw new ArgumentException($"learningRate must be finite and ≥ 0; got {learningRate}.", nameof(learningRate));
        float loss = ComputeGradients(batch, training: true);
        LastGradientNorm = float.IsPositiveInfinity(Training.MaxGradientNorm)
            ? GradientClipping.GlobalNorm(Parameters.Gradients, _touchedNgramRows)
            : GradientClipping.ClipGlobalNorm(Parameters.Gradients, Training.MaxGradientNorm, _touchedNgramRows);
        _optimizer.Step(learningRate, _threadCount);
        return loss;
    }

    /// <summary>
    /// Zeroes the gradients, runs forward and backward (with dropout when <paramref name="training"/>)
    /// and leaves ∂loss/∂θ in <see cref="ParameterArena.Gradients"/>; no clipping, no update.
    /// </summary>
    public float ComputeGradients(TokenBatch batch, bool training = true)
    {
        ValidateBatch(batch, requireLabels: true);
        EnsureCapacity(batch, training: true);
        ZeroGradients();
        float loss = Forward(batch, training, computeLoss: true);
        Backward(batch);
        return loss;
    }

    /// <summary>Zeroes every gradient; of the n-gram table only the rows the last backward touched,
    /// since no other row of it can be non-zero.</summary>
    private void ZeroGradients()
    {
        if (_touchedNgramRows is not { } touched)
        {
            Parameters.ZeroGradients();
            return;
        }
        Span<float> g = Parameters.Gradients;
        foreach (var (offset, length) in touched.LiveRangesOf(g.Length)) g.Slice(offset, length).Clear();
        touched.Clear();
    }

    /// <summary>The loss (cross-entropy + λ·penalty) without dropout and without gradients.</summary>
    public float Evaluate(TokenBatch batch)
    {
        ValidateBatch(batch, requireLabels: true);
        EnsureCapacity(batch, training: false);
        return Forward(batch, training: false, computeLoss: true);
    }

    /// <summary>
    /// Class probabilities (Count, K) for every row, without dropout. When
    /// <paramref name="attentionWeights"/> is not empty it receives each token's pooling weight,
    /// (Count, batch.MaxLength) row-major, 0 at pads: attention pooling's A averaged over hops (also for
    /// AttentionAndMean), 1/L for Mean, 1 on the first token for FirstToken.
    /// </summary>
    public void Predict(TokenBatch batch, Span<float> probabilities, Span<float> attentionWeights = default)
    {
        ValidateBatch(batch, requireLabels: false);
        int B = batch.Count, K = Config.ClassCount;
        if (probabilities.Length < B * K)
            throw new ArgumentException($"probabilities holds {probabilities.Length} floats, fewer than {B} rows × {K} classes.", nameof(probabilities));
        if (!attentionWeights.IsEmpty && attentionWeights.Length < B * batch.MaxLength)
            throw new ArgumentException($"attentionWeights holds {attentionWeights.Length} floats, fewer than {B} × {batch.MaxLength}.", nameof(attentionWeights));
        EnsureCapacity(batch, training: false);
        Forward(batch, training: false, computeLoss: false);
        _probabilities.AsSpan(0, B * K).CopyTo(probabilities);
        if (!attentionWeights.IsEmpty) PoolingWeights(attentionWeights.Slice(0, B * batch.MaxLength), batch);
    }

    private void PoolingWeights(Span<float> weights, TokenBatch batch)
    {
        weights.Clear();
        ReadOnlySpan<int> lengths = batch.Lengths;
        int stride = batch.MaxLength;
        switch (Config.Pooling)
        {
            case PoolingKind.Attention or PoolingKind.AttentionAndMean:
                _attentionPooling!.HopAveragedWeights(weights, stride, batch);
                break;
            case PoolingKind.Mean:
                for (int b = 0; b < batch.Count; b++) weights.Slice(b * stride, lengths[b]).Fill(1f / lengths[b]);
                break;
            case PoolingKind.FirstToken:
                for (int b = 0; b < batch.Count; b++) if (lengths[b] > 0) weights[b * stride] = 1f;
                break;
        }
    }

    private void ValidateBatch(TokenBatch batch, bool requireLabels)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.PaddedLength > Config.MaxLength)
            throw new ArgumentException($"the batch's longest row has {batch.PaddedLength} tokens; the model's MaxLength is {Config.MaxLength}.", nameof(batch));
        foreach (int id in batch.PackedIds)
        {
            if (id >= Config.VocabularySize)
                throw new ArgumentException($"token id {id} is outside the vocabulary of {Config.VocabularySize}.", nameof(batch));
        }
        int tokenTypes = Math.Max(1, Config.TokenTypeCount); // the scratch encoder reads none: only type 0 is valid
        foreach (int type in batch.TokenTypes)
        {
            if (type >= tokenTypes)
                throw new ArgumentException($"token type {type} is outside the model's {tokenTypes} token type(s).", nameof(batch));
        }
        if (batch.HasBagIds)
        {
            foreach (int id in batch.BagIds)
            {
                if (id >= Config.VocabularySize)
                    throw new ArgumentException($"bag id {id} is outside the vocabulary of {Config.VocabularySize}.", nameof(batch));
            }
        }
        if (!requireLabels) return;
        if (batch.Count == 0) throw new ArgumentException("the batch is empty.", nameof(batch));
        foreach (int label in batch.Labels)
        {
            if ((uint)label >= (uint)Config.ClassCount)
                throw new ArgumentException($"label {label} is outside [0, {Config.ClassCount}); training needs a label on every row.", nameof(batch));
        }
    }
}
