// Every option is checked when the trainer is created, in every build: a bad value is an
// ArgumentException whose ParamName is the option and whose message names the option and the value.
// ClassWeights is checked again against the number of classes when Fit sees the label.
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class OptionsValidationTests
{
    public static TheoryData<string, string, Action<AttentionTextClassificationTrainer.Options>> BadOptions => new()
    {
        { "LabelColumnName", "''", o => o.LabelColumnName = "" },
        { "ScoreColumnName", "' '", o => o.ScoreColumnName = " " },
        { "OutputColumnName", "Score", o => o.OutputColumnName = "Score" },
        { "Sentence1ColumnName", "''", o => o.Sentence1ColumnName = null! },
        { "Sentence2ColumnName", "Sentence1", o => o.Sentence2ColumnName = "Sentence1" },
        { "ScoreColumnName", "Tokens", o => { o.OutputAttentionWeights = true; o.ScoreColumnName = "Tokens"; } },
        { "BatchSize", "0", o => o.BatchSize = 0 },
        { "MaxEpochs", "-1", o => o.MaxEpochs = -1 },
        { "ValidationFraction", "1", o => o.ValidationFraction = 1 },
        { "ValidationFraction", "-0.1", o => o.ValidationFraction = -0.1 },
        { "EarlyStoppingPatience", "-1", o => o.EarlyStoppingPatience = -1 },
        { "MaximumTrainingTimeInSeconds", "0", o => o.MaximumTrainingTimeInSeconds = 0 },
        { "MaximumTrainingTimeInSeconds", "NaN", o => o.MaximumTrainingTimeInSeconds = double.NaN },
        { "LearningRate", "0", o => o.LearningRate = 0 },
        { "LearningRate", "Infinity", o => o.LearningRate = float.PositiveInfinity },
        { "WarmupRatio", "1", o => o.WarmupRatio = 1 },
        { "WeightDecay", "-0.5", o => o.WeightDecay = -0.5f },
        { "MaximumGradientNorm", "0", o => o.MaximumGradientNorm = 0 },
        { "LabelSmoothing", "1", o => o.LabelSmoothing = 1 },
        { "ClassWeights", "-1", o => o.ClassWeights = [1, -1, 1] },
        { "ClassWeights", "1 weights", o => o.ClassWeights = [1] },
        { "PenaltyWeight", "NaN", o => o.PenaltyWeight = float.NaN },
        { "ModelDimension", "0", o => o.ModelDimension = 0 },
        { "NumberOfLayers", "-1", o => o.NumberOfLayers = -1 },
        { "NumberOfHeads", "3", o => o.NumberOfHeads = 3 },
        { "NumberOfHeads", "0", o => o.NumberOfHeads = 0 },
        { "FeedForwardDimension", "0", o => o.FeedForwardDimension = 0 },
        { "Pooling", "42", o => o.Pooling = (TextPoolingKind)42 },
        { "AttentionHops", "0", o => o.AttentionHops = 0 },
        { "AttentionHiddenDimension", "0", o => o.AttentionHiddenDimension = 0 },
        { "MaximumSequenceLength", "2", o => o.MaximumSequenceLength = 2 },
        { "MaximumSequenceLength", "3", o => { o.Sentence2ColumnName = "Other"; o.MaximumSequenceLength = 3; } },
        { "MaximumSequenceLength", "5000", o => o.MaximumSequenceLength = 5000 },
        { "EmbeddingDropout", "1", o => o.EmbeddingDropout = 1 },
        { "WordDropout", "-0.1", o => o.WordDropout = -0.1f },
        { "AttentionDropout", "1.5", o => o.AttentionDropout = 1.5f },
        { "ResidualDropout", "NaN", o => o.ResidualDropout = float.NaN },
        { "FeedForwardDropout", "1", o => o.FeedForwardDropout = 1 },
        { "ClassifierDropout", "-1", o => o.ClassifierDropout = -1 },
        { "Tokenizer", "7", o => o.Tokenizer = (TextTokenizerKind)7 },
        { "VocabularySize", "5", o => o.VocabularySize = 5 },
        { "MinimumTokenFrequency", "0", o => o.MinimumTokenFrequency = 0 },
        { "NumberOfThreads", "0", o => o.NumberOfThreads = 0 },
        { "SubwordMaximumLength", "17", o => o.SubwordMaximumLength = 17 },
        { "SubwordMinimumLength", "6", o => (o.SubwordMinimumLength, o.SubwordMaximumLength) = (6, 5) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void A_bad_option_is_named_with_its_value(string option, string value, Action<AttentionTextClassificationTrainer.Options> spoil)
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        spoil(options);

        var error = Assert.ThrowsAny<ArgumentException>(() => context.MulticlassClassification.Trainers.AttentionTextClassification(options));

        Assert.Equal(option, error.ParamName);
        Assert.Contains(option, error.Message);
        Assert.Contains(value.Trim('\''), error.Message);
    }

    [Fact]
    public void The_catalog_arguments_are_validated_too()
    {
        var trainers = new MLContext(seed: 1).MulticlassClassification.Trainers;
        Assert.Equal("BatchSize", Assert.ThrowsAny<ArgumentException>(() => trainers.AttentionTextClassification(batchSize: 0)).ParamName);
        Assert.Equal("MaxEpochs", Assert.ThrowsAny<ArgumentException>(() => trainers.AttentionTextClassification(maxEpochs: 0)).ParamName);
        Assert.Equal("LabelColumnName", Assert.ThrowsAny<ArgumentException>(() => trainers.AttentionTextClassification(labelColumnName: "")).ParamName);
    }

    [Fact]
    public void Class_weights_must_match_the_number_of_classes_of_the_label()
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        options.ClassWeights = [1, 2, 3];
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(options);

        var error = Assert.ThrowsAny<ArgumentException>(() => trainer.Fit(TinyData.Keyed(context, 40)));

        Assert.Equal("ClassWeights", error.ParamName);
        Assert.Contains("3 weights", error.Message);
        Assert.Contains("4 classes", error.Message);
    }

    [Fact]
    public void Options_are_copied_so_later_edits_do_not_reach_the_trainer()
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 1;
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(options);
        options.MaxEpochs = 50;
        options.BatchSize = 0;

        var model = trainer.Fit(TinyData.Keyed(context, 40));

        Assert.Equal(1, model.Options.MaxEpochs);
        Assert.Equal(1, model.TrainingSummary.EpochsCompleted);
    }
}
