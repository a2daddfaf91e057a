// The parts of the default recipe that adapt to the data or were added for it (issue #5): the n-gram
// bag's options reach the engine and change training; the bag's longer view of long texts is chosen
// from the data (or given), logged, saved, and used identically at scoring; the automatic epoch plan
// (more epochs for small data, fewer for large) is logged and saved, and a given MaxEpochs wins.
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Trainers;
using static MlNetAttention.Trainers.AttentionTextClassificationTrainer;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class NgramBagAndPlanTests
{
    private static Options Tiny(Action<Options>? change = null)
    {
        var options = TinyData.TinyOptions();
        options.NgramDimension = 8;
        options.NgramBuckets = 512;
        change?.Invoke(options);
        return options;
    }

    /// <summary>The model after a save to a model file (in memory) and a load back.</summary>
    private static AttentionTextClassificationTransformer SavedAndLoaded(MLContext context, ITransformer model, IDataView data)
    {
        using var file = new MemoryStream();
        context.Model.Save(model, data.Schema, file);
        file.Position = 0;
        return (AttentionTextClassificationTransformer)context.Model.Load(file, out _); // saved alone, it loads back as itself
    }

    [Fact]
    public void The_bag_options_reach_the_engine()
    {
        var model = TrainingRun.Fit(Tiny(o => (o.NgramDimension, o.NgramOrder, o.NgramBuckets) = (6, 3, 1000)), rows: 40).Model!;

        var config = model.ModelConfig;
        Assert.Equal((6, 3, 1000), (config.NgramDimension, config.NgramOrder, config.NgramBuckets));
        Assert.Equal(config.EncoderPooledDimension + 6, config.PooledDimension);
        var off = TrainingRun.Fit(Tiny(o => o.NgramDimension = 0), rows: 40).Model!;
        Assert.False(off.ModelConfig.UsesNgramBag);
        Assert.Equal(0, off.TrainingSummary.NgramMaximumLength);
    }

    [Fact]
    public void The_bag_changes_the_first_loss_and_its_learning_rate_scale_the_second()
    {
        double[] Losses(Options o) => TrainingRun.Fit(o, rows: 64, stopAfterSteps: 2).StepLosses;
        double[] without = Losses(Tiny(o => o.NgramDimension = 0));
        double[] with = Losses(Tiny());
        double[] scaled = Losses(Tiny(o => o.NgramLearningRateScale = 10f));

        Assert.NotEqual(without[0], with[0]);
        Assert.Equal(with[0], scaled[0]);     // same weights before the first update
        Assert.NotEqual(with[1], scaled[1]);  // the bag's rows moved further
    }

    [Theory]
    [InlineData(20, 1f)]
    [InlineData(10, 1f)]
    [InlineData(4, 2.5f)]
    [InlineData(3, 3f)] // 10 / 3, capped
    [InlineData(1, 3f)]
    public void The_automatic_bag_learning_rate_scale_follows_the_planned_epochs(int epochs, float expected) =>
        Assert.Equal(expected, EpochPlan.AutomaticNgramLearningRateScale(epochs));

    [Fact]
    public void The_automatic_bag_learning_rate_scale_is_logged_saved_and_reaches_training()
    {
        var automatic = TrainingRun.Fit(Tiny(o => o.MaxEpochs = 4), rows: 40);
        var given = TrainingRun.Fit(Tiny(o => (o.MaxEpochs, o.NgramLearningRateScale) = (4, 1f)), rows: 40);

        Assert.Equal(2.5f, automatic.Model!.TrainingSummary.NgramLearningRateScale);
        Assert.Contains(automatic.Log, l => l.StartsWith("The n-gram bag's table learns at", StringComparison.Ordinal) && l.Contains("10 / 4 planned epochs"));
        Assert.Equal(1f, given.Model!.TrainingSummary.NgramLearningRateScale);
        Assert.DoesNotContain(given.Log, l => l.StartsWith("The n-gram bag's table learns at", StringComparison.Ordinal));
        Assert.Equal(automatic.StepLosses[0], given.StepLosses[0]);      // same weights before the first update
        Assert.NotEqual(automatic.StepLosses[1], given.StepLosses[1]);   // the table moved 2.5× as far
        Assert.Equal(0f, TrainingRun.Fit(Tiny(o => o.NgramDimension = 0), rows: 40).Model!.TrainingSummary.NgramLearningRateScale);
    }

    [Fact]
    public void Subword_features_reach_the_engine_change_training_and_survive_save_and_load()
    {
        var context = new MLContext(seed: 1);
        var data = TinyData.Keyed(context, 60);
        var run = TrainingRun.Fit(Tiny(o => (o.SubwordMinimumLength, o.SubwordMaximumLength) = (2, 4)), data);
        var model = run.Model!;

        Assert.Equal((2, 4), (model.ModelConfig.SubwordMinimumLength, model.ModelConfig.SubwordMaximumLength));
        Assert.Contains(run.Log, l => l.StartsWith("The n-gram bag adds the tokens' character 2- to 4-grams:", StringComparison.Ordinal));
        var loaded = SavedAndLoaded(context, model, data);
        Assert.Equal((2, 4), (loaded.Options.SubwordMinimumLength, loaded.Options.SubwordMaximumLength));
        Assert.Equal(ScoredRows.Read(model.Transform(data)).Scores, ScoredRows.Read(loaded.Transform(data)).Scores); // rebuilt from the vocabulary on load

        double FirstLoss(Options o) => TrainingRun.Fit(o, rows: 64, stopAfterSteps: 1).StepLosses[0];
        Assert.NotEqual(FirstLoss(Tiny()), FirstLoss(Tiny(o => (o.SubwordMinimumLength, o.SubwordMaximumLength) = (3, 3))));
    }

    [Fact]
    public void Subword_texts_mark_where_a_word_starts_and_where_the_tokenizer_knows_it_ends()
    {
        string[] special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
        var wordPiece = MlNetAttention.Tokenizers.WordPieceTokenizer.Create([.. special, "play", "##ing", "ab"]);
        Assert.Equal(new string?[] { null, null, null, null, null, "<play", "ing", "<ab" }, TokenSubwords.Texts(wordPiece));
        var words = MlNetAttention.Tokenizers.WordTokenizer.Create([.. special, "play", "##ing"]);
        Assert.Equal(new string?[] { null, null, null, null, null, "<play>", "<##ing>" }, TokenSubwords.Texts(words));
    }

    [Fact]
    public void A_longer_bag_view_is_kept_for_long_texts_logged_saved_and_used_at_scoring()
    {
        var context = new MLContext(seed: 1);
        var random = new Random(5);
        // Texts of 12-20 words: the encoder reads 8 tokens, the bag up to 24.
        var rows = Enumerable.Range(0, 60).Select(i => new TextRow
        {
            Label = TinyData.Topics[i % 4],
            Sentence1 = TinyData.FillerSentence(random) + " " + TinyData.Sentence(random, i % 4) + " " + TinyData.FillerSentence(random),
        }).ToList();
        var data = TinyData.Keyed(context, rows);
        var run = TrainingRun.Fit(Tiny(o => (o.MaximumSequenceLength, o.NgramMaximumLength) = (8, 24)), data);
        var model = run.Model!;

        Assert.Equal((8, 24), (model.TrainingSummary.MaximumSequenceLength, model.TrainingSummary.NgramMaximumLength));
        Assert.Contains(run.Log, l => l.StartsWith("The n-gram bag reads up to 24 tokens;", StringComparison.Ordinal));
        Assert.Equal(24, model.Encoder.BagMaximumLength);

        Assert.Equal(ScoredRows.Read(model.Transform(data)).Scores, ScoredRows.Read(SavedAndLoaded(context, model, data).Transform(data)).Scores);

        var automatic = TrainingRun.Fit(Tiny(o => o.MaximumSequenceLength = 8), data).Model!;
        int bag = automatic.TrainingSummary.NgramMaximumLength;
        Assert.True(bag > 8 && bag % 8 == 0, $"automatic bag length {bag}");
        var same = TrainingRun.Fit(Tiny(o => (o.MaximumSequenceLength, o.NgramMaximumLength) = (8, 8)), data).Model!;
        Assert.Equal(0, same.TrainingSummary.NgramMaximumLength); // not longer than the encoder's: no separate view
        Assert.Equal(0, same.Encoder.BagMaximumLength);
    }

    [Fact]
    public void Short_texts_need_no_separate_bag_view()
    {
        var model = TrainingRun.Fit(Tiny(), rows: 40).Model!; // every row fits the automatic length
        Assert.Equal(0, model.TrainingSummary.NgramMaximumLength);
        Assert.Equal(0, model.Encoder.BagMaximumLength);
    }

    [Fact]
    public void The_automatic_epoch_plan_is_logged_and_saved_and_a_given_one_wins()
    {
        var automatic = TrainingRun.Fit(Tiny(o => o.MaxEpochs = null), rows: 80);
        var summary = automatic.Model!.TrainingSummary;
        // 72 training rows in batches of 16: 5 steps an epoch, so 512 steps need 103 epochs, capped at 50.
        Assert.Equal((Defaults.AutomaticEpochsMaximum, true), (summary.PlannedEpochs, summary.PlannedEpochsWereAutomatic));
        Assert.Contains(automatic.Log, l => l.StartsWith($"Planned {Defaults.AutomaticEpochsMaximum} epochs (chosen from 72 training rows", StringComparison.Ordinal));
        Assert.Equal(summary.PlannedEpochs, automatic.Progress.Steps.First().MaxEpochs);

        var given = TrainingRun.Fit(Tiny(o => o.MaxEpochs = 2), rows: 80).Model!.TrainingSummary;
        Assert.Equal((2, false), (given.PlannedEpochs, given.PlannedEpochsWereAutomatic));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(10, 3)]     // mid-size data: the plain patience
    [InlineData(13, 4)]
    [InlineData(37, 10)]    // the sample's 37 short epochs: a quarter of them
    [InlineData(50, 13)]
    public void Automatic_patience_is_three_or_a_quarter_of_the_planned_epochs(int epochs, int expected) =>
        Assert.Equal(expected, EpochPlan.AutomaticPatience(epochs));

    [Fact]
    public void The_automatic_patience_is_logged_and_saved_and_a_given_one_wins()
    {
        var automatic = TrainingRun.Fit(Tiny(o => o.MaxEpochs = 20), rows: 80);
        Assert.Equal(5, automatic.Model!.TrainingSummary.EarlyStoppingPatience);
        Assert.Contains(automatic.Log, l => l.StartsWith("Early-stopping patience 5 epochs (chosen:", StringComparison.Ordinal));

        var given = TrainingRun.Fit(Tiny(o => (o.MaxEpochs, o.EarlyStoppingPatience) = (20, 0)), rows: 80);
        Assert.Equal(0, given.Model!.TrainingSummary.EarlyStoppingPatience);
        Assert.DoesNotContain(given.Log, l => l.StartsWith("Early-stopping patience", StringComparison.Ordinal));
        Assert.Equal(20, given.Model.TrainingSummary.EpochsCompleted); // 0 never stops early
    }

    [Theory]
    [InlineData(new[] { 5 }, 1 << 10)]                  // tiny data: the floor
    [InlineData(new[] { 1500, 1500 }, 4096)]            // 3,000 training tokens: the next power of two
    [InlineData(new[] { 2048, 2048 }, 4096)]            // already a power of two
    [InlineData(new[] { 200_000, 200_000 }, 1 << 18)]   // large data (ag_news has ~340 k tokens): the ceiling
    public void Automatic_bucket_count_follows_the_training_tokens(int[] lengths, int expected) =>
        Assert.Equal(expected, AutomaticNgramBuckets(lengths));

    [Fact]
    public void The_automatic_bucket_count_is_logged_saved_and_a_given_one_wins()
    {
        var run = TrainingRun.Fit(Tiny(o => o.NgramBuckets = null), rows: 80);
        var model = run.Model!;
        Assert.Equal(Defaults.AutomaticNgramBucketsMinimum, model.TrainingSummary.NgramBuckets); // 80 short rows
        Assert.Equal(model.TrainingSummary.NgramBuckets, model.ModelConfig.NgramBuckets);
        Assert.Contains(run.Log, l => l.StartsWith($"The n-gram bag hashes token n-grams of order 2 to 2 and subwords into {Defaults.AutomaticNgramBucketsMinimum} buckets (chosen:", StringComparison.Ordinal));

        var given = TrainingRun.Fit(Tiny(o => o.NgramBuckets = 300), rows: 80).Model!;
        Assert.Equal((300, 300), (given.TrainingSummary.NgramBuckets, given.ModelConfig.NgramBuckets));

        // Subwords alone still need the buckets; tokens alone need none.
        var subwordsOnly = TrainingRun.Fit(Tiny(o => (o.NgramOrder, o.NgramBuckets) = (1, null)), rows: 80);
        Assert.Contains(subwordsOnly.Log, l => l.StartsWith("The n-gram bag hashes subwords into", StringComparison.Ordinal));
        Assert.Equal(Defaults.AutomaticNgramBucketsMinimum, subwordsOnly.Model!.TrainingSummary.NgramBuckets);
        var tokensOnly = TrainingRun.Fit(Tiny(o => (o.NgramOrder, o.SubwordMaximumLength, o.NgramBuckets) = (1, 0, null)), rows: 80);
        Assert.DoesNotContain(tokensOnly.Log, l => l.StartsWith("The n-gram bag hashes", StringComparison.Ordinal));
        Assert.Equal(0, tokensOnly.Model!.TrainingSummary.NgramBuckets);
    }

    [Theory]
    [InlineData(7_200, 300_000L, 32, 10)]         // mid-size (ag_news-like): the base plan
    [InlineData(432, 12_500L, 32, 37)]            // small (the sample): 14 steps an epoch, 512 steps in 37 epochs
    [InlineData(40, 400L, 32, 50)]                // tiny: capped at AutomaticEpochsMaximum
    [InlineData(45_000, 2_500_000L, 32, 6)]       // large (online_shopping_zh-like): 15 M tokens in 6 epochs
    [InlineData(22_500, 4_660_000L, 32, 3)]       // long texts (imdb-like): 3 epochs
    [InlineData(1_000_000, 60_000_000L, 32, 1)]   // beyond the budget in one epoch: still one
    public void Epoch_plan_follows_the_rows_and_tokens(int rows, long tokens, int batchSize, int expected)
    {
        Assert.Equal(expected, EpochPlan.Automatic(rows, tokens, batchSize));
    }
}
