// AttentionTextClassification, the multiclass text trainer: an estimator shaped like ML.NET's
// TextClassificationTrainer (same catalog parameters, an Options overload for the rest) whose model
// is a Transformer encoder with structured self-attention pooling (Lin et al. 2017), beside a
// fastText-style n-gram bag, trained on the CPU by the managed engine (MlNetAttention.Neural).
// Fit, in order: check the schema; read and check every label (one cheap pass); hold out a
// stratified, seeded validation share (unless a ValidationSet is given); learn the vocabulary from
// the training rows' text (WordPiece by default; the tokenizer guarantees a trained [UNK]); measure
// the rows' token lengths and choose the longest input, the bag's view and its hash buckets (unless
// given); encode every row compactly; plan the epochs and the early-stopping patience (unless given);
// build the model (vocabulary, classes, options) and run the TrainingLoop; keep the best epoch's
// weights. Every choice made from the data is logged (MLContext.Log, Info) and saved in the summary.
// Seeds: Options.Seed, else one draw from the MLContext; the split, the shuffles and the model (initial
// weights, dropout) each get their own stream derived from it, so the same MLContext(seed), data and
// thread count give a bit-identical model.
using System.Diagnostics;
using System.Numerics;
using Microsoft.ML.Runtime;
using MlNetAttention.MlNetInternals;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Training;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

/// <summary>Trains a Transformer-encoder text classifier with self-attention pooling.</summary>
public sealed partial class AttentionTextClassificationTrainer : IEstimator<AttentionTextClassificationTransformer>
{
    private readonly IHost _host;
    private readonly Options _options;

    /// <summary>Creates the trainer; the options are validated now and copied.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the exception names it).</exception>
    public AttentionTextClassificationTrainer(MLContext context, Options options)
        : this((IHostEnvironment)(context ?? throw new ArgumentNullException(nameof(context))), options)
    {
    }

    internal AttentionTextClassificationTrainer(IHostEnvironment environment, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        // The host's random stream is drawn from the MLContext's seed, as every ML.NET trainer's is.
        _host = environment.Register(InputColumns.Component);
        _options = options.Clone();
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputColumns.CheckSentences(inputSchema, _options.Sentence1ColumnName, _options.Sentence2ColumnName);
        var label = InputColumns.CheckLabel(inputSchema, _options.LabelColumnName);
        SchemaShape.Column? keyValues = label.Annotations.TryFindColumn(ScoreColumns.KeyValues, out var kv) ? kv : null;
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (var added in ScoreColumns.Shapes(_options, keyValues)) columns[added.Name] = added;
        return SchemaShapeColumns.Shape(columns.Values);
    }

    public AttentionTextClassificationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var clock = Stopwatch.StartNew();
        using var log = new TrainerLog(_host);
        var cancellation = o.CancellationToken;
        cancellation.ThrowIfCancellationRequested();

        var (first, second) = InputColumns.FindSentences(input.Schema, o.Sentence1ColumnName, o.Sentence2ColumnName);
        var (labelColumn, key) = InputColumns.FindLabel(input.Schema, o.LabelColumnName);
        var classes = ClassLabels.FromColumn(labelColumn, key);
        int classCount = classes.Count;
        if (o.ClassWeights is { } classWeights && classWeights.Length != classCount)
            throw new ArgumentException(
                $"Option ClassWeights holds {classWeights.Length} weights, but label column '{o.LabelColumnName}' has {classCount} classes.",
                nameof(Options.ClassWeights));
        var validationColumns = o.ValidationSet is { } validationSet ? CheckValidationSchema(validationSet.Schema, classCount) : default;

        int seed = o.Seed ?? _host.Rand.Next();
        log.Info($"Seed {seed}{(o.Seed is null ? " (drawn from the MLContext)" : "")}; {classCount} classes.");
        int[] labels = CorpusReader.ReadLabels(input, labelColumn, classCount, "training data", cancellation);
        if (labels.Length == 0) throw new InvalidOperationException($"{InputColumns.Component}: the training data has no rows.");
        bool[] heldOut = o.ValidationSet is null
            ? ValidationSplit.Stratified(labels, classCount, o.ValidationFraction, DeriveSeed(seed, SeedStream.Split))
            : new bool[labels.Length];
        int[] trainRows = Enumerable.Range(0, labels.Length).Where(r => !heldOut[r]).ToArray();
        int[] heldOutRows = Enumerable.Range(0, labels.Length).Where(r => heldOut[r]).ToArray();
        bool[]? trainMask = heldOutRows.Length == 0 ? null : heldOut.Select(h => !h).ToArray();
        if (o.ValidationSet is null && o.ValidationFraction > 0 && heldOutRows.Length == 0)
            log.Warning($"Too few rows ({labels.Length}) to hold out {o.ValidationFraction:P0} for validation: training without early stopping.");

        // A pretrained encoder brings its vocabulary (issue 11); else the vocabulary is learned from the rows.
        var pretrained = PretrainedEncoders.IsPretrained(o.Encoder) ? PretrainedEncoders.Load(o.Encoder) : null;
        var tokenizer = pretrained is not null ? PretrainedTokenizer(pretrained)
            : LearnTokenizer(CorpusReader.Texts(input, first, second, trainMask, cancellation), o);
        double unknownShare = tokenizer.TrainingSummary?.UnknownShare ?? 0;
        log.Info(pretrained is not null
            ? $"Encoder {pretrained.Name} (SHA-256 {pretrained.ModelSha256[..16]}…, {pretrained.Shape.LayerCount} layers, d {pretrained.Shape.ModelDimension}, " +
              $"{pretrained.Shape.HeadCount} heads): its vocabulary of {tokenizer.VocabularySize} WordPiece tokens."
            : $"Vocabulary: {tokenizer.VocabularySize} {o.Tokenizer} tokens learned from {trainRows.Length} rows; " +
              $"[UNK] is {unknownShare:P3} of the training words.");

        var counter = new SequenceEncoder(tokenizer, int.MaxValue, second is not null);
        var lengths = CorpusReader.UncutLengths(input, first, second, counter, trainMask, cancellation);
        int lengthLimit = pretrained is null ? MaximumSequenceLengthLimit : pretrained.Shape.MaxPositions;
        if (o.MaximumSequenceLength > lengthLimit)
            throw new ArgumentException($"Option MaximumSequenceLength must be at most the encoder's {lengthLimit} positions; got {o.MaximumSequenceLength}.",
                nameof(Options.MaximumSequenceLength));
        int maxLength = o.MaximumSequenceLength ?? SequenceLengthChoice.Automatic(lengths,
            pretrained is null ? Defaults.AutomaticLengthMaximum : Math.Min(Defaults.AutomaticPretrainedLengthMaximum, lengthLimit));
        int truncated = lengths.Count(l => l > maxLength);
        log.Info($"Maximum sequence length {maxLength} tokens{(o.MaximumSequenceLength is null ? $" (chosen: covers {Defaults.AutomaticLengthCoverage:P0} of the training rows, within [{Defaults.AutomaticLengthMinimum}, {(pretrained is null ? Defaults.AutomaticLengthMaximum : Math.Min(Defaults.AutomaticPretrainedLengthMaximum, lengthLimit))}])" : "")}; " +
            $"{truncated} of {lengths.Count} training rows are cut.");

        int bagLength = 0, ngramBuckets = 0;
        if (o.NgramDimension > 0)
        {
            if (o.NgramOrder >= 2 || o.SubwordMaximumLength > 0)
            {
                ngramBuckets = o.NgramBuckets ?? AutomaticNgramBuckets(lengths);
                string hashed = o.NgramOrder >= 2 ? $"token n-grams of order 2 to {o.NgramOrder}" : "subwords";
                if (o.NgramOrder >= 2 && o.SubwordMaximumLength > 0) hashed += " and subwords";
                log.Info($"The n-gram bag hashes {hashed} into {ngramBuckets} buckets" +
                    (o.NgramBuckets is null ? $" (chosen: one per training token, rounded up to a power of two within [{Defaults.AutomaticNgramBucketsMinimum}, {Defaults.AutomaticNgramBucketsMaximum}])." : "."));
            }
            int chosen = o.NgramMaximumLength ?? SequenceLengthChoice.AutomaticNgram(lengths, maxLength);
            bagLength = chosen > maxLength ? chosen : 0;
            log.Info(bagLength > 0
                ? $"The n-gram bag reads up to {bagLength} tokens{(o.NgramMaximumLength is null ? $" (chosen: covers {Defaults.AutomaticNgramLengthCoverage:P0} of the training rows, at most {Defaults.AutomaticNgramLengthMaximum})" : "")}; " +
                  $"{lengths.Count(l => l > bagLength)} of {lengths.Count} training rows are cut there."
                : o.NgramMaximumLength is { } given && given <= maxLength
                    ? $"The n-gram bag reads the encoder's input (the given NgramMaximumLength {given} is not longer than the encoder's {maxLength})."
                    : "The n-gram bag reads the encoder's input.");
        }
        var encoder = new SequenceEncoder(tokenizer, maxLength, second is not null, bagLength,
            tokenTypes: pretrained is { Shape.TokenTypeCount: > 1 });
        var rows = CorpusReader.Encode(input, first, second, encoder, labels, cancellation);
        if (pretrained is not null) // the fixed vocabulary's coverage of this data: the share of [UNK] in the encoded training rows
        {
            long unknown = 0, tokens = 0;
            foreach (int r in trainRows)
            {
                var ids = rows.Row(r);
                unknown += ids.Count(tokenizer.UnknownTokenId);
                tokens += ids.Length - (second is null ? 2 : 3);
            }
            unknownShare = tokens == 0 ? 0 : (double)unknown / tokens;
            log.Info($"[UNK] is {unknownShare:P3} of the training tokens (the encoder's vocabulary).");
        }
        ValidationScorer? validation;
        if (o.ValidationSet is { } givenValidation)
        {
            int[] validationLabels = CorpusReader.ReadLabels(givenValidation, validationColumns.Label, classCount, "validation set", cancellation);
            var validationData = CorpusReader.Encode(givenValidation, validationColumns.First, validationColumns.Second, encoder,
                validationLabels, cancellation);
            validation = new ValidationScorer(validationData, Enumerable.Range(0, validationData.Count).ToArray(), o.BatchSize, classCount);
        }
        else validation = new ValidationScorer(rows, heldOutRows, o.BatchSize, classCount);

        var modelConfig = ModelConfig(o, tokenizer, classCount, maxLength, ngramBuckets, pretrained?.Shape);
        var subwords = TokenSubwords.For(tokenizer, modelConfig);
        if (subwords is not null)
            log.Info($"The n-gram bag adds the tokens' character {o.SubwordMinimumLength}- to {o.SubwordMaximumLength}-grams: " +
                $"{subwords.TotalRows} subword rows over {tokenizer.VocabularySize} tokens (at most {subwords.MostRowsPerToken} for one token).");
        long trainTokens = trainRows.Sum(r => (long)rows.Length(r));
        int epochs = o.MaxEpochs ?? EpochPlan.Automatic(trainRows.Length, trainTokens, o.BatchSize);
        if (o.MaxEpochs is null)
            log.Info($"Planned {epochs} epochs (chosen from {trainRows.Length} training rows of {trainTokens} tokens: {Defaults.MaxEpochs} epochs, " +
                $"more for at least {Defaults.AutomaticEpochsMinimumSteps} steps, at most {Defaults.AutomaticEpochsMaximum}, " +
                $"fewer for at most {Defaults.AutomaticEpochsTokenBudget:N0} tokens in all).");
        int patience = o.EarlyStoppingPatience ?? EpochPlan.AutomaticPatience(epochs);
        if (o.EarlyStoppingPatience is null)
            log.Info($"Early-stopping patience {patience} epochs (chosen: {Defaults.EarlyStoppingPatience}, or {Defaults.AutomaticPatienceShareOfEpochs:P0} of the planned epochs when more).");
        float ngramScale = o.NgramLearningRateScale ?? EpochPlan.AutomaticNgramLearningRateScale(epochs);
        if (o.NgramDimension > 0 && o.NgramLearningRateScale is null)
            log.Info($"The n-gram bag's table learns at {ngramScale:0.##}× the learning rate (chosen: {Defaults.MaxEpochs} / {epochs} planned epochs, " +
                $"within [1, {Defaults.AutomaticNgramLearningRateScaleMaximum}]).");
        var model = pretrained is not null
            ? EncoderClassifier.FromPretrained(pretrained, modelConfig, DeriveSeed(seed, SeedStream.Model), TrainingOptions(o, ngramScale), subwords)
            : new EncoderClassifier(modelConfig, DeriveSeed(seed, SeedStream.Model), TrainingOptions(o, ngramScale), subwords);
        model.ThreadCount = o.NumberOfThreads ?? 0;
        var outcome = new TrainingLoop(log, o, model, rows, trainRows, validation, DeriveSeed(seed, SeedStream.Shuffle), clock,
            epochs, patience, encoder).Run();

        using var weights = new MemoryStream();
        model.Save(weights);
        var summary = new TrainingSummary
        {
            Seed = seed, TrainingRows = trainRows.Length, ValidationRows = validation.RowCount, ClassCount = classCount,
            VocabularySize = tokenizer.VocabularySize, UnknownTokenShare = unknownShare,
            MaximumSequenceLength = maxLength, MaximumSequenceLengthWasAutomatic = o.MaximumSequenceLength is null, NgramMaximumLength = bagLength,
            NgramBuckets = ngramBuckets, NgramLearningRateScale = o.NgramDimension > 0 ? ngramScale : 0,
            TruncatedTrainingRows = truncated, MeanSequenceLength = trainRows.Average(r => (double)rows.Length(r)),
            PlannedEpochs = epochs, PlannedEpochsWereAutomatic = o.MaxEpochs is null, EarlyStoppingPatience = patience, EpochsCompleted = outcome.EpochsCompleted, Steps = outcome.Steps, BestEpoch = outcome.BestEpoch,
            BestValidationAccuracy = outcome.BestAccuracy, BestValidationLoss = outcome.BestLoss, StopReason = outcome.StopReason,
            TrainingSeconds = clock.Elapsed.TotalSeconds, TokensPerSecond = outcome.TokensPerSecond,
        };
        log.Info($"Trained in {summary.TrainingSeconds:F1} s: {summary.EpochsCompleted} epochs, {summary.Steps} steps, stopped by {summary.StopReason}, " +
            $"kept epoch {summary.BestEpoch}{(summary.BestValidationAccuracy is { } a ? $" (validation accuracy {a:P2})" : "")}, " +
            $"{summary.TokensPerSecond:F0} tokens/s.");
        // The scoring instance is loaded from the saved bytes, exactly as a model loaded from a file is.
        byte[] bytes = weights.ToArray();
        var scoring = InferenceModelPool.Create(bytes, o.NumberOfThreads ?? 0, subwords);
        return new AttentionTextClassificationTransformer(tokenizer, bytes, scoring, classes, o, summary,
            pretrained is null ? null : PretrainedEncoderIdentity.Of(pretrained));
    }

    private (DataViewSchema.Column First, DataViewSchema.Column? Second, DataViewSchema.Column Label) CheckValidationSchema(
        DataViewSchema schema, int classCount)
    {
        var (first, second) = InputColumns.FindSentences(schema, _options.Sentence1ColumnName, _options.Sentence2ColumnName);
        var (label, key) = InputColumns.FindLabel(schema, _options.LabelColumnName);
        if (key.Count != (ulong)classCount)
            throw SchemaErrors.WrongType(label.Name, label.Type, $"Key<UInt32, {classCount}> like the training data's label",
                InputColumns.Component + " (validation set)");
        return (first, second, label);
    }

    private static Tokenizer LearnTokenizer(IEnumerable<ReadOnlyMemory<char>> texts, Options o) => o.Tokenizer switch
    {
        TextTokenizerKind.Word => WordTokenizer.Train(texts, TokenizerTraining(o)),
        _ => WordPieceTokenizer.Train(texts, TokenizerTraining(o)),
    };

    /// <summary>The pretrained encoder's own WordPiece tokenizer, from its vocab.txt (BERT uncased: lower-casing,
    /// accent stripping, CJK split, [CLS] … [SEP]); checked to number its tokens as the encoder does.</summary>
    internal static Tokenizer PretrainedTokenizer(Neural.Pretrained.PretrainedBert encoder)
    {
        var tokenizer = WordPieceTokenizer.Create(encoder.VocabularyPath);
        if (tokenizer.VocabularySize != encoder.Vocabulary.Count || tokenizer.PaddingTokenId != 0 || tokenizer.UnknownTokenId != encoder.UnknownTokenId)
            throw new InvalidDataException($"{encoder.VocabularyPath}: the tokenizer reads {tokenizer.VocabularySize} tokens with [PAD] {tokenizer.PaddingTokenId} " +
                $"and [UNK] {tokenizer.UnknownTokenId}; the encoder has {encoder.Vocabulary.Count}, 0 and {encoder.UnknownTokenId}.");
        return tokenizer;
    }

    /// <summary>The automatic hash-bucket count of the n-gram bag: one bucket per training token (an upper
    /// bound on the distinct n-grams), as a power of two within the Defaults' bounds.</summary>
    internal static int AutomaticNgramBuckets(IReadOnlyCollection<int> trainingLengths)
    {
        long tokens = trainingLengths.Sum(l => (long)l);
        long buckets = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, tokens));
        return (int)Math.Clamp(buckets, Defaults.AutomaticNgramBucketsMinimum, Defaults.AutomaticNgramBucketsMaximum);
    }

    /// <summary>The engine configuration for these options and data (<paramref name="ngramBuckets"/>: the
    /// bag's bucket count, given or chosen; ignored without a bag).</summary>
    internal static EncoderClassifierConfig ModelConfig(Options o, Tokenizer tokenizer, int classCount, int maxLength, int ngramBuckets,
        Neural.Pretrained.BertShape? pretrained)
    {
        var heads = HeadsConfig(o, tokenizer, classCount, maxLength, ngramBuckets);
        // A pretrained encoder sets the encoder fields (Bert, its sizes and positions); the vocabulary is its own.
        return pretrained is null ? heads : pretrained.ApplyTo(heads) with { UnknownTokenId = tokenizer.UnknownTokenId };
    }

    private static EncoderClassifierConfig HeadsConfig(Options o, Tokenizer tokenizer, int classCount, int maxLength, int ngramBuckets)
    {
        Debug.Assert(tokenizer.PaddingTokenId == 0, "The engine reserves id 0 for padding; learned vocabularies start with [PAD].");
        return new EncoderClassifierConfig
        {
            VocabularySize = tokenizer.VocabularySize,
            ClassCount = classCount,
            MaxLength = maxLength,
            ModelDimension = o.ModelDimension,
            HeadCount = o.NumberOfHeads,
            LayerCount = o.NumberOfLayers,
            FeedForwardDimension = o.FeedForwardDimension,
            Pooling = o.Pooling switch
            {
                TextPoolingKind.Attention => PoolingKind.Attention,
                TextPoolingKind.Mean => PoolingKind.Mean,
                TextPoolingKind.FirstToken => PoolingKind.FirstToken,
                _ => PoolingKind.AttentionAndMean,
            },
            PoolingHops = o.AttentionHops,
            PoolingHiddenDimension = o.AttentionHiddenDimension,
            AttentionDropout = o.AttentionDropout,
            ResidualDropout = o.ResidualDropout,
            FeedForwardDropout = o.FeedForwardDropout,
            EmbeddingDropout = o.EmbeddingDropout,
            WordDropout = o.WordDropout,
            UnknownTokenId = tokenizer.UnknownTokenId,
            ClassifierDropout = o.ClassifierDropout,
            NgramDimension = o.NgramDimension,
            NgramOrder = o.NgramOrder,
            NgramBuckets = Math.Max(1, ngramBuckets), // unused (but validated) without bigram or subword rows
            SubwordMinimumLength = o.SubwordMaximumLength > 0 ? o.SubwordMinimumLength : 0,
            SubwordMaximumLength = o.SubwordMaximumLength,
        };
    }

    /// <summary>The engine's loss and optimizer settings for these options, with the n-gram table's
    /// learning-rate scale <paramref name="ngramScale"/> (given or chosen).</summary>
    internal static TrainingOptions TrainingOptions(Options o, float ngramScale) => new()
    {
        AdamW = new AdamWOptions { WeightDecay = o.WeightDecay },
        MaxGradientNorm = o.MaximumGradientNorm,
        LabelSmoothing = o.LabelSmoothing,
        ClassWeights = o.ClassWeights,
        PenaltyWeight = o.PenaltyWeight,
        NgramLearningRateScale = ngramScale,
        HeadLearningRateScale = o.HeadLearningRateScale,
    };

    private enum SeedStream : ulong { Split = 1, Shuffle = 2, Model = 3 }

    /// <summary>An independent seed for one use of the run's seed (SplitMix64's mixer over seed and stream).</summary>
    private static int DeriveSeed(int seed, SeedStream stream) =>
        (int)(SplitMix64.Mix(((ulong)(uint)seed << 8) ^ (ulong)stream ^ 0x5EED_5EED_0000_0000UL) >> 33);
}
