// Inference behaviour: probabilities are a distribution; pooling weights live on real tokens only
// and sum to 1; a fully padded row stays finite; a row's prediction does not depend on the other
// rows of its batch or on how much padding the batch has; Predict uses no dropout.
using System.Numerics.Tensors;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.Layers;

namespace MlNetAttention.Neural.Tests.Model;

public sealed class PredictionTests
{
    private static EncoderClassifier Model(PoolingKind pooling) =>
        new(SmallModels.Config() with { Pooling = pooling, AttentionDropout = 0.3f, ResidualDropout = 0.3f, ClassifierDropout = 0.3f }, seed: 2);

    [Theory]
    [InlineData(PoolingKind.Attention)]
    [InlineData(PoolingKind.AttentionAndMean)]
    [InlineData(PoolingKind.Mean)]
    [InlineData(PoolingKind.FirstToken)]
    public void Probabilities_and_pooling_weights_are_distributions_over_real_tokens(PoolingKind pooling)
    {
        EncoderClassifier model = Model(pooling);
        TokenBatch batch = SmallModels.Batch([5, 1, 0, 8], [-1, -1, -1, -1]);
        int K = model.Config.ClassCount, T = batch.MaxLength;
        var probabilities = new float[4 * K];
        var weights = Enumerable.Repeat(float.NaN, 4 * T).ToArray();
        model.Predict(batch, probabilities, weights);

        Assert.True(TensorPrimitives.IsFiniteAll<float>(probabilities), "a fully padded row must stay finite");
        for (int b = 0; b < 4; b++)
        {
            Assert.Equal(1.0, probabilities.AsSpan(b * K, K).ToArray().Sum(), 1e-5);
            int L = batch.Lengths[b];
            Span<float> row = weights.AsSpan(b * T, T);
            Assert.True(row[L..].IndexOfAnyExcept(0f) < 0, "pads must get zero weight");
            if (L > 0) Assert.Equal(1.0, row[..L].ToArray().Sum(), 1e-5);
            Assert.All(row.ToArray(), w => Assert.True(w >= 0f));
        }
    }

    [Fact]
    public void A_rows_prediction_ignores_the_rest_of_the_batch_and_the_padding()
    {
        EncoderClassifier model = Model(PoolingKind.AttentionAndMean);
        int K = model.Config.ClassCount;
        TokenBatch alone = SmallModels.Batch([3], [-1]);
        var single = new float[K];
        model.Predict(alone, single);

        var mixed = new TokenBatch(3, 8);
        mixed.Add([9, 9, 9, 9, 9, 9, 9, 9]);
        mixed.Add(alone.Row(0));
        mixed.Add([4]);
        var many = new float[3 * K];
        model.Predict(mixed, many);
        for (int k = 0; k < K; k++) Assert.Equal(single[k], many[K + k], 1e-6f);
    }

    [Fact]
    public void Predict_is_deterministic_and_uses_no_dropout()
    {
        EncoderClassifier model = Model(PoolingKind.Attention);
        TokenBatch batch = SmallModels.Batch([6, 2], [0, 1]);
        var first = new float[2 * 3];
        var second = new float[2 * 3];
        model.Predict(batch, first);
        model.ComputeGradients(batch); // a training pass in between draws dropout masks
        model.Predict(batch, second);
        Assert.Equal(first, second);
        Assert.Equal(model.Evaluate(batch), model.Evaluate(batch));
    }

    [Fact]
    public void Bad_batches_are_rejected_with_clear_errors()
    {
        EncoderClassifier model = Model(PoolingKind.Attention);
        var tooLong = new TokenBatch(1, 20);
        tooLong.Add(Enumerable.Repeat(3, 9).ToArray(), 0);
        Assert.Contains("MaxLength", Assert.Throws<ArgumentException>(() => model.TrainStep(tooLong, 1e-3f)).Message);

        var badId = new TokenBatch(1, 8);
        badId.Add([3, 12], 0);
        Assert.Contains("vocabulary", Assert.Throws<ArgumentException>(() => model.Predict(badId, new float[3])).Message);

        var noLabel = new TokenBatch(1, 8);
        noLabel.Add([3]);
        Assert.Contains("label", Assert.Throws<ArgumentException>(() => model.TrainStep(noLabel, 1e-3f)).Message);

        TokenBatch ok = SmallModels.Batch([2], [0]);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => model.Predict(ok, new float[2])).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentException>(() => model.TrainStep(ok, float.NaN)).ParamName);
    }
}

public sealed class ScoringMemoryTests
{
    [Fact]
    public void A_model_that_only_scores_holds_no_gradients_or_optimizer_moments()
    {
        var config = SmallModels.Config() with { NgramDimension = 16, NgramBuckets = 1 << 16 }; // ~4 MB of weights: fixed costs vanish
        var trained = new EncoderClassifier(config, seed: 3);
        trained.TrainStep(SmallModels.Batch([5, 3], [0, 1]), 1e-3f);
        Assert.True(trained.Parameters.HasGradients);
        using var file = new MemoryStream();
        trained.Save(file);
        long parameterBytes = 4L * trained.Parameters.ElementCount;

        file.Position = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        EncoderClassifier scorer = EncoderClassifier.Load(file);
        long loadBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        TokenBatch batch = SmallModels.Batch([5, 3], [-1, -1]);
        var probabilities = new float[2 * config.ClassCount];
        scorer.Predict(batch, probabilities);

        Assert.False(scorer.Parameters.HasGradients);
        // Reading takes three copies of the weights (the file's bytes, the decoded tensors, the arena; the
        // first two are garbage afterwards); gradients and AdamW's two moments would add three more.
        Assert.True(loadBytes < 3.5 * parameterBytes, $"loading allocated {loadBytes} bytes for {parameterBytes} bytes of weights");
        var expected = new float[2 * config.ClassCount];
        trained.Predict(batch, expected);
        Assert.Equal(expected, probabilities);
    }
}
