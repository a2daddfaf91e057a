// Argument checks of the trainer's options, run in every build when the trainer is created (so a
// bad value fails at the catalog call, before any data is read): each failure is an
// ArgumentException whose ParamName is the option and whose message names the option and the value.
// Checks that need the data (ClassWeights against the number of classes) run at the start of Fit.
using System.Globalization;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

public sealed partial class AttentionTextClassificationTrainer
{
    /// <summary>Throws an ArgumentException naming the first invalid option of <paramref name="o"/>.</summary>
    /// <param name="checkEncoderFolder">Whether a folder named by Encoder must exist now (not when loading a
    /// saved model, which needs no access to it).</param>
    internal static void Validate(Options o, bool checkEncoderFolder = true)
    {
        ArgumentNullException.ThrowIfNull(o, "options");
        RequireName(o.LabelColumnName, nameof(Options.LabelColumnName));
        RequireName(o.ScoreColumnName, nameof(Options.ScoreColumnName));
        RequireName(o.OutputColumnName, nameof(Options.OutputColumnName));
        RequireName(o.Sentence1ColumnName, nameof(Options.Sentence1ColumnName));
        if (o.Sentence2ColumnName is not null) RequireName(o.Sentence2ColumnName, nameof(Options.Sentence2ColumnName));
        Require(o.ScoreColumnName != o.OutputColumnName, nameof(Options.OutputColumnName), o.OutputColumnName,
            $"must differ from ScoreColumnName '{o.ScoreColumnName}'");
        Require(o.Sentence2ColumnName != o.Sentence1ColumnName, nameof(Options.Sentence2ColumnName), o.Sentence2ColumnName,
            "must differ from Sentence1ColumnName");
        if (o.OutputAttentionWeights)
        {
            string[] reserved = [AttentionTextClassificationTransformer.AttentionWeightsColumnName,
                AttentionTextClassificationTransformer.TokensColumnName];
            Require(!reserved.Contains(o.ScoreColumnName), nameof(Options.ScoreColumnName), o.ScoreColumnName,
                "is taken by an attention output column");
            Require(!reserved.Contains(o.OutputColumnName), nameof(Options.OutputColumnName), o.OutputColumnName,
                "is taken by an attention output column");
        }

        Require(o.BatchSize >= 1, nameof(Options.BatchSize), o.BatchSize, "must be at least 1");
        if (o.MaxEpochs is { } epochs) Require(epochs >= 1, nameof(Options.MaxEpochs), epochs, "must be at least 1 (null = automatic)");
        Require(o.ValidationFraction >= 0 && o.ValidationFraction < 1, nameof(Options.ValidationFraction), o.ValidationFraction,
            "must be in [0, 1)");
        if (o.EarlyStoppingPatience is { } patience)
            Require(patience >= 0, nameof(Options.EarlyStoppingPatience), patience, "must be ≥ 0 (0 = never stop early, null = automatic)");
        if (o.MaximumTrainingTimeInSeconds is { } seconds)
            Require(seconds > 0 && double.IsFinite(seconds), nameof(Options.MaximumTrainingTimeInSeconds), seconds,
                "must be positive and finite (null = no limit)");

        Require(o.LearningRate > 0f && float.IsFinite(o.LearningRate), nameof(Options.LearningRate), o.LearningRate,
            "must be positive and finite");
        Require(o.WarmupRatio >= 0 && o.WarmupRatio < 1, nameof(Options.WarmupRatio), o.WarmupRatio, "must be in [0, 1)");
        Require(o.WeightDecay >= 0f && float.IsFinite(o.WeightDecay), nameof(Options.WeightDecay), o.WeightDecay,
            "must be finite and ≥ 0");
        Require(o.MaximumGradientNorm > 0f, nameof(Options.MaximumGradientNorm), o.MaximumGradientNorm,
            "must be positive (+∞ disables clipping)");
        Require(o.LabelSmoothing >= 0f && o.LabelSmoothing < 1f, nameof(Options.LabelSmoothing), o.LabelSmoothing,
            "must be in [0, 1)");
        Require(o.PenaltyWeight >= 0f && float.IsFinite(o.PenaltyWeight), nameof(Options.PenaltyWeight), o.PenaltyWeight,
            "must be finite and ≥ 0");
        if (o.ClassWeights is { } weights)
        {
            Require(weights.Length >= 2, nameof(Options.ClassWeights), $"{weights.Length} weights", "needs one weight per class (at least 2)");
            for (int c = 0; c < weights.Length; c++)
                Require(weights[c] > 0f && float.IsFinite(weights[c]), nameof(Options.ClassWeights), weights[c],
                    $"must hold positive, finite weights (element {c})");
        }

        Require(o.ModelDimension >= 1, nameof(Options.ModelDimension), o.ModelDimension, "must be at least 1");
        Require(o.NumberOfLayers >= 0, nameof(Options.NumberOfLayers), o.NumberOfLayers, "must be ≥ 0");
        Require(o.NumberOfHeads >= 1, nameof(Options.NumberOfHeads), o.NumberOfHeads, "must be at least 1");
        Require(o.ModelDimension % Math.Max(1, o.NumberOfHeads) == 0, nameof(Options.NumberOfHeads), o.NumberOfHeads,
            $"must divide ModelDimension {o.ModelDimension}");
        Require(o.FeedForwardDimension >= 1, nameof(Options.FeedForwardDimension), o.FeedForwardDimension, "must be at least 1");
        Require(Enum.IsDefined(o.Pooling), nameof(Options.Pooling), o.Pooling, "is not a defined pooling kind");
        Require(o.AttentionHops >= 1, nameof(Options.AttentionHops), o.AttentionHops, "must be at least 1");
        Require(o.AttentionHiddenDimension >= 1, nameof(Options.AttentionHiddenDimension), o.AttentionHiddenDimension,
            "must be at least 1");
        if (o.MaximumSequenceLength is { } length)
        {
            int least = o.Sentence2ColumnName is null ? 3 : 4;
            Require(length >= least && length <= MaximumSequenceLengthLimit, nameof(Options.MaximumSequenceLength), length,
                $"must be in [{least}, {MaximumSequenceLengthLimit}] ([CLS], [SEP]{(least == 4 ? ", [SEP]" : "")} and at least one token; null = automatic)");
        }
        RequireProbability(o.EmbeddingDropout, nameof(Options.EmbeddingDropout));
        RequireProbability(o.WordDropout, nameof(Options.WordDropout));
        RequireProbability(o.AttentionDropout, nameof(Options.AttentionDropout));
        RequireProbability(o.ResidualDropout, nameof(Options.ResidualDropout));
        RequireProbability(o.FeedForwardDropout, nameof(Options.FeedForwardDropout));
        RequireProbability(o.ClassifierDropout, nameof(Options.ClassifierDropout));
        Require(o.NgramDimension >= 0, nameof(Options.NgramDimension), o.NgramDimension, "must be ≥ 0 (0 = no n-gram bag)");
        Require(o.NgramOrder >= 1 && o.NgramOrder <= NgramOrderLimit, nameof(Options.NgramOrder), o.NgramOrder,
            $"must be in [1, {NgramOrderLimit}] (1 = tokens only)");
        if (o.NgramBuckets is { } buckets)
            Require(buckets >= 1 && buckets <= NgramBucketsLimit, nameof(Options.NgramBuckets), buckets,
                $"must be in [1, {NgramBucketsLimit}] (null = automatic)");
        if (o.NgramMaximumLength is { } bagLength)
            Require(bagLength >= 3 && bagLength <= NgramMaximumLengthLimit, nameof(Options.NgramMaximumLength), bagLength,
                $"must be in [3, {NgramMaximumLengthLimit}] (null = automatic)");
        Require(o.SubwordMaximumLength >= 0 && o.SubwordMaximumLength <= SubwordRows.MaximumNgramLength, nameof(Options.SubwordMaximumLength),
            o.SubwordMaximumLength, $"must be in [0, {SubwordRows.MaximumNgramLength}] (0 = no subword features)");
        if (o.SubwordMaximumLength > 0)
            Require(o.SubwordMinimumLength >= 1 && o.SubwordMinimumLength <= o.SubwordMaximumLength, nameof(Options.SubwordMinimumLength),
                o.SubwordMinimumLength, $"must be in [1, SubwordMaximumLength {o.SubwordMaximumLength}]");
        if (o.NgramLearningRateScale is { } ngramScale)
            Require(ngramScale > 0f && float.IsFinite(ngramScale), nameof(Options.NgramLearningRateScale),
                ngramScale, "must be positive and finite (null = automatic)");

        Require(Enum.IsDefined(o.Tokenizer), nameof(Options.Tokenizer), o.Tokenizer, "is not a defined tokenizer kind");
        Require(o.VocabularySize > SpecialTokenCount, nameof(Options.VocabularySize), o.VocabularySize,
            $"must exceed the {SpecialTokenCount} special tokens");
        Require(o.MinimumTokenFrequency >= 1, nameof(Options.MinimumTokenFrequency), o.MinimumTokenFrequency, "must be at least 1");

        if (o.NumberOfThreads is { } threads)
            Require(threads >= 1, nameof(Options.NumberOfThreads), threads, "must be at least 1 (null = all processors)");
        ValidateEncoder(o, checkEncoderFolder);
    }

    // ---- Pretrained encoder (issue 11) ----
    /// <summary>Encoder is "scratch", a named encoder whose assembly the application references, or an existing folder with model.onnx and vocab.txt;
    /// with a pretrained encoder, the options it decides keep their defaults (none is silently ignored).</summary>
    private static void ValidateEncoder(Options o, bool checkFolder)
    {
        const string rule = "must be \"scratch\", \"minilm\", \"arctic-xs\" or a folder holding model.onnx and vocab.txt";
        Require(!string.IsNullOrWhiteSpace(o.Encoder), nameof(Options.Encoder), o.Encoder, rule);
        Require(o.HeadLearningRateScale > 0f && float.IsFinite(o.HeadLearningRateScale), nameof(Options.HeadLearningRateScale),
            o.HeadLearningRateScale, "must be positive and finite");
        if (!PretrainedEncoders.IsPretrained(o.Encoder))
        {
            Require(o.HeadLearningRateScale == Defaults.HeadLearningRateScale, nameof(Options.HeadLearningRateScale), o.HeadLearningRateScale,
                "applies to a pretrained encoder's heads only; with Encoder \"scratch\" it must be 1");
            return;
        }
        if (checkFolder && PretrainedEncoders.Named.ContainsKey(o.Encoder))
            Require(PretrainedEncoders.FindCarrier(o.Encoder) is not null, nameof(Options.Encoder), o.Encoder, PretrainedEncoders.MissingCarrier(o.Encoder));
        else if (checkFolder)
        {
            Require(Directory.Exists(o.Encoder), nameof(Options.Encoder), o.Encoder, rule + " (no such folder)");
            foreach (string file in new[] { Neural.Pretrained.EncoderCache.ModelFileName, Neural.Pretrained.EncoderCache.VocabularyFileName })
                Require(File.Exists(Path.Combine(o.Encoder, file)), nameof(Options.Encoder), o.Encoder, $"{rule} (the folder has no {file})");
        }
        const string fromEncoder = "is set by the pretrained encoder; leave it at its default with Encoder";
        Require(o.ModelDimension == Defaults.ModelDimension, nameof(Options.ModelDimension), o.ModelDimension, fromEncoder);
        Require(o.NumberOfLayers == Defaults.NumberOfLayers, nameof(Options.NumberOfLayers), o.NumberOfLayers, fromEncoder);
        Require(o.NumberOfHeads == Defaults.NumberOfHeads, nameof(Options.NumberOfHeads), o.NumberOfHeads, fromEncoder);
        Require(o.FeedForwardDimension == Defaults.FeedForwardDimension, nameof(Options.FeedForwardDimension), o.FeedForwardDimension, fromEncoder);
        Require(o.Tokenizer == TextTokenizerKind.WordPiece, nameof(Options.Tokenizer), o.Tokenizer, fromEncoder + " (its WordPiece vocab.txt)");
        Require(o.VocabularySize == Defaults.VocabularySize, nameof(Options.VocabularySize), o.VocabularySize, fromEncoder + " (its vocab.txt)");
        Require(o.MinimumTokenFrequency == Defaults.MinimumTokenFrequency, nameof(Options.MinimumTokenFrequency), o.MinimumTokenFrequency,
            fromEncoder + " (its vocab.txt)");
    }
    // ---- end pretrained encoder ----

    /// <summary>Longest model input accepted by MaximumSequenceLength (attention memory grows as its square).</summary>
    public const int MaximumSequenceLengthLimit = 4096;

    /// <summary>Longest n-grams accepted by NgramOrder (each order adds a hash per token).</summary>
    public const int NgramOrderLimit = 8;

    /// <summary>Most hash buckets accepted by NgramBuckets (2^24 rows: fastText's default 2 M buckets fit, and
    /// with the default width the table stays under 2 GiB).</summary>
    public const int NgramBucketsLimit = 1 << 24;

    /// <summary>Longest n-gram bag view accepted by NgramMaximumLength.</summary>
    public const int NgramMaximumLengthLimit = 1 << 16;

    /// <summary>[PAD], [UNK], [CLS], [SEP], [MASK]: every learned vocabulary starts with them.</summary>
    private const int SpecialTokenCount = 5;

    private static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"Option {option} must name a column; got '{name}'.", option);
    }

    private static void Require(bool condition, string option, object? value, string rule)
    {
        if (!condition)
            throw new ArgumentException($"Option {option} {rule}; got {Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"}.", option);
    }

    private static void RequireProbability(float p, string option) =>
        Require(p >= 0f && p < 1f, option, p, "must be a probability in [0, 1)");

    /// <summary>The vocabulary-learning options that <paramref name="o"/> asks for.</summary>
    internal static TokenizerTrainingOptions TokenizerTraining(Options o) => new()
    {
        VocabularySize = o.VocabularySize,
        MinimumFrequency = o.MinimumTokenFrequency,
        MaximumDegreeOfParallelism = o.NumberOfThreads, // the run's thread budget covers vocabulary learning too
    };
}
