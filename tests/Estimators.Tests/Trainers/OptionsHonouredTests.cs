// Every option changes what it says it changes. Loss options and dropouts change the very first
// training loss (same seed, same batch); optimizer options change the loss after the first update;
// model options reach the engine's configuration; pooling kinds give different models and their
// documented attention weights; tokenizer options shape the vocabulary; MaximumSequenceLength cuts.
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Neural.Model;
using MlNetAttention.Tokenizers;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class OptionsHonouredTests
{
    private static AttentionTextClassificationTrainer.Options Baseline()
    {
        var options = TinyData.TinyOptions();
        // Every stochastic option starts at 0 so that turning one on is the only difference.
        options.EmbeddingDropout = options.WordDropout = options.AttentionDropout = 0;
        options.ResidualDropout = options.FeedForwardDropout = options.ClassifierDropout = 0;
        options.Pooling = TextPoolingKind.Attention;
        return options;
    }

    private static double[] FirstLosses(Action<AttentionTextClassificationTrainer.Options>? change = null)
    {
        var options = Baseline();
        change?.Invoke(options);
        return TrainingRun.Fit(options, rows: 64, stopAfterSteps: 2).StepLosses;
    }

    public static TheoryData<string, Action<AttentionTextClassificationTrainer.Options>> LossOptions => new()
    {
        { "EmbeddingDropout", o => o.EmbeddingDropout = 0.3f },
        { "WordDropout", o => o.WordDropout = 0.3f },
        { "AttentionDropout", o => o.AttentionDropout = 0.3f },
        { "ResidualDropout", o => o.ResidualDropout = 0.3f },
        { "FeedForwardDropout", o => o.FeedForwardDropout = 0.3f },
        { "ClassifierDropout", o => o.ClassifierDropout = 0.3f },
        { "LabelSmoothing", o => o.LabelSmoothing = 0.2f },
        { "ClassWeights", o => o.ClassWeights = [4f, 1f, 1f, 1f] },
        { "PenaltyWeight", o => o.PenaltyWeight = 1f },
    };

    [Theory]
    [MemberData(nameof(LossOptions))]
    public void A_loss_or_dropout_option_changes_the_first_training_loss(string option, Action<AttentionTextClassificationTrainer.Options> change)
    {
        double baseline = FirstLosses()[0];
        double changed = FirstLosses(change)[0];

        Assert.True(baseline != changed, $"{option} did not change the first loss ({baseline})");
    }

    [Fact]
    public void Neutral_class_weights_change_nothing()
    {
        Assert.Equal(FirstLosses(), FirstLosses(o => o.ClassWeights = [1f, 1f, 1f, 1f]));
    }

    public static TheoryData<string, Action<AttentionTextClassificationTrainer.Options>> UpdateOptions => new()
    {
        { "LearningRate", o => o.LearningRate = 0.05f },
        { "WeightDecay", o => o.WeightDecay = 0.9f },
        { "MaximumGradientNorm", o => o.MaximumGradientNorm = 1e-3f },
        { "WarmupRatio", o => o.WarmupRatio = 0.5 },
    };

    [Theory]
    [MemberData(nameof(UpdateOptions))]
    public void An_optimizer_option_changes_the_loss_after_the_first_update(string option, Action<AttentionTextClassificationTrainer.Options> change)
    {
        var baseline = FirstLosses();
        var changed = FirstLosses(change);

        Assert.Equal(baseline[0], changed[0]); // same weights before the first update
        Assert.True(baseline[1] != changed[1], $"{option} did not change the second loss ({baseline[1]})");
    }

    [Fact]
    public void Model_options_reach_the_engine()
    {
        var options = Baseline();
        (options.ModelDimension, options.NumberOfLayers, options.NumberOfHeads, options.FeedForwardDimension) = (24, 2, 3, 40);
        (options.Pooling, options.AttentionHops, options.AttentionHiddenDimension) = (TextPoolingKind.AttentionAndMean, 3, 5);
        (options.EmbeddingDropout, options.WordDropout, options.AttentionDropout) = (0.25f, 0.05f, 0.15f);
        (options.ResidualDropout, options.FeedForwardDropout, options.ClassifierDropout) = (0.2f, 0.12f, 0.07f);
        options.MaximumSequenceLength = 20;
        options.NumberOfThreads = 2;

        var run = TrainingRun.Fit(options, rows: 40);
        var model = run.Model!;

        var config = model.ModelConfig;
        Assert.Equal((24, 2, 3, 40), (config.ModelDimension, config.LayerCount, config.HeadCount, config.FeedForwardDimension));
        Assert.Equal((PoolingKind.AttentionAndMean, 3, 5), (config.Pooling, config.PoolingHops, config.PoolingHiddenDimension));
        Assert.Equal((0.25f, 0.05f, 0.15f), (config.EmbeddingDropout, config.WordDropout, config.AttentionDropout));
        Assert.Equal((0.2f, 0.12f, 0.07f), (config.ResidualDropout, config.FeedForwardDropout, config.ClassifierDropout));
        Assert.Equal((20, 4, model.Tokenizer.VocabularySize), (config.MaxLength, config.ClassCount, config.VocabularySize));
        Assert.Equal(model.Tokenizer.UnknownTokenId, config.UnknownTokenId);
        Assert.Equal(2, model.Pool.Rent().ThreadCount); // scoring
        Assert.Contains(run.Log, l => l.StartsWith("Training: ", StringComparison.Ordinal) && l.EndsWith(", at most 2 threads.", StringComparison.Ordinal));
    }

    [Fact]
    public void Pooling_kinds_give_different_models_and_their_documented_attention_weights()
    {
        var context = new MLContext(seed: 1);
        var data = TinyData.Keyed(context, 60);
        var scores = new Dictionary<TextPoolingKind, ScoredRows>();
        foreach (var pooling in Enum.GetValues<TextPoolingKind>())
        {
            var options = Baseline();
            options.Pooling = pooling;
            options.OutputAttentionWeights = true;
            var model = TrainingRun.Fit(options, data).Model!;
            scores[pooling] = ScoredRows.Read(model.Transform(data));
        }

        var kinds = Enum.GetValues<TextPoolingKind>();
        foreach (var a in kinds)
            foreach (var b in kinds.Where(b => b > a))
                Assert.NotEqual(scores[a].Scores, scores[b].Scores);
        Assert.All(scores[TextPoolingKind.Mean].Attention!, w => Assert.All(w, x => Assert.Equal(1f / w.Length, x, 6)));
        Assert.All(scores[TextPoolingKind.FirstToken].Attention!, w => Assert.Equal([1f, .. new float[w.Length - 1]], w));
        foreach (var kind in new[] { TextPoolingKind.Attention, TextPoolingKind.AttentionAndMean })
        {
            Assert.All(scores[kind].Attention!, w => Assert.Equal(1.0, w.Sum(x => (double)x), 4));
            Assert.Contains(scores[kind].Attention!, w => w.Distinct().Count() > 1); // learned, not uniform
        }
    }

    [Fact]
    public void The_tokenizer_options_shape_the_vocabulary()
    {
        var wordPiece = TrainingRun.Fit(Baseline(), rows: 80).Model!;
        var word = TrainingRun.Fit(With(o => o.Tokenizer = TextTokenizerKind.Word), rows: 80).Model!;
        var small = TrainingRun.Fit(With(o => o.VocabularySize = 20), rows: 80).Model!;
        var frequent = TrainingRun.Fit(With(o => o.MinimumTokenFrequency = 10), rows: 80).Model!;

        Assert.IsType<WordPieceTokenizer>(wordPiece.Tokenizer);
        Assert.IsType<WordTokenizer>(word.Tokenizer);
        Assert.Equal(20, small.Tokenizer.VocabularySize);
        Assert.True(frequent.Tokenizer.VocabularySize < wordPiece.Tokenizer.VocabularySize,
            $"{frequent.Tokenizer.VocabularySize} tokens at frequency 10 vs {wordPiece.Tokenizer.VocabularySize} at 2");
        Assert.Equal(wordPiece.Tokenizer.VocabularySize, wordPiece.TrainingSummary.VocabularySize);
    }

    private static AttentionTextClassificationTrainer.Options With(Action<AttentionTextClassificationTrainer.Options> change)
    {
        var options = Baseline();
        change(options);
        return options;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_thread_budget_bounds_vocabulary_learning_too(int? threads)
    {
        var options = TinyData.TinyOptions();
        options.NumberOfThreads = threads;
        Assert.Equal(threads, AttentionTextClassificationTrainer.TokenizerTraining(options).MaximumDegreeOfParallelism);
    }

    [Fact]
    public void A_given_maximum_sequence_length_cuts_every_input()
    {
        var options = Baseline();
        options.MaximumSequenceLength = 6;
        options.OutputAttentionWeights = true;
        var context = new MLContext(seed: 1);
        var data = TinyData.Keyed(context, 40);

        var model = TrainingRun.Fit(options, data).Model!;

        var summary = model.TrainingSummary;
        Assert.Equal((6, false), (summary.MaximumSequenceLength, summary.MaximumSequenceLengthWasAutomatic));
        Assert.True(summary.TruncatedTrainingRows > 0);
        Assert.True(summary.MeanSequenceLength <= 6);
        var tokens = ScoredRows.Read(model.Transform(data)).Tokens!;
        Assert.All(tokens, t => Assert.True(t.Length <= 6 && t[0] == "[CLS]" && t[^1] == "[SEP]"));
        Assert.Contains(tokens, t => t.Length == 6);
    }

    [Fact]
    public void The_automatic_length_covers_the_training_rows()
    {
        var model = TrainingRun.Fit(Baseline(), rows: 80).Model!;

        var summary = model.TrainingSummary;
        Assert.True(summary.MaximumSequenceLengthWasAutomatic);
        Assert.Equal(0, summary.MaximumSequenceLength % 8);
        Assert.InRange(summary.MaximumSequenceLength, AttentionTextClassificationTrainer.Defaults.AutomaticLengthMinimum,
            AttentionTextClassificationTrainer.Defaults.AutomaticLengthMaximum);
        Assert.True(summary.TruncatedTrainingRows <= 80 * (1 - AttentionTextClassificationTrainer.Defaults.AutomaticLengthCoverage) + 1);
    }

    [Fact]
    public void Column_names_are_those_given()
    {
        var options = Baseline();
        (options.ScoreColumnName, options.OutputColumnName, options.LabelColumnName, options.Sentence1ColumnName) =
            ("Probabilities", "Topic", "Key", "Body");
        var context = new MLContext(seed: 1);
        var raw = context.Data.LoadFromEnumerable(TinyData.Rows(40).Select(r => new RenamedRow { Category = r.Label, Body = r.Sentence1 }).ToList());
        var data = context.Transforms.Conversion.MapValueToKey("Key", "Category").Fit(raw).Transform(raw);

        var model = TrainingRun.Fit(options, data).Model!;
        var scored = model.Transform(data);

        Assert.Equal(["Category", "Body", "Key", "Topic", "Probabilities"], scored.Schema.Select(c => c.Name));
        Assert.Equal(40, ScoredRows.Read(scored, "Probabilities", "Topic", "Key").Scores.Length);
    }

    private sealed class RenamedRow
    {
        public string Category { get; set; } = "";
        public string Body { get; set; } = "";
    }
}
