// The n-gram bag ("wide" path, Layers/NgramEmbeddingBag): which table rows a sequence's bag holds
// (its ids, then its hashed n-grams, repeats counted), that it writes only its own feature columns,
// that an empty sequence pools to zeros, that word dropout reaches it, its table gradient by finite
// differences (alone and inside the whole model's loss), and the configuration checks and parameter
// table that come with it. The PyTorch equivalence (nn.EmbeddingBag(mode="mean") over the same hashed
// ids) is the "attention_mean_ngram_bag" case of GoldenFixtureTests.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Layers;

public sealed class NgramEmbeddingBagTests(ITestOutputHelper output)
{
    private static readonly int[] Lengths = [5, 1, 0, 3];
    private static readonly int[] Labels = [0, 2, 1, 1];

    private static EncoderClassifierConfig Config(int order = 3, int buckets = 7) =>
        SmallModels.Config() with { NgramDimension = 4, NgramOrder = order, NgramBuckets = buckets };

    [Fact]
    public void Bag_holds_the_ids_then_the_hashed_ngrams_of_each_sequence()
    {
        var config = Config();
        ModelParameters parameters = SmallModels.Parameters(config);
        var bag = new NgramEmbeddingBag(config, parameters.Arena, parameters.NgramEmbedding!);
        var batch = new TokenBatch(3, 8);
        batch.Add([3, 4, 3, 4], 0);
        batch.Add([5], 1);
        batch.Add([], 2);
        bag.EnsureCapacity(3, 24);
        int P = config.PooledDimension;
        var features = new float[3 * P];
        bag.Forward(features, P, config.EncoderPooledDimension, batch, training: false, dropoutKey: 0, threads: 1);

        int V = config.VocabularySize;
        int Row(params int[] ngram) => NgramEmbeddingBag.NgramRow(ngram, V, config.NgramBuckets);
        int[] expected =
        [
            3, 4, 3, 4,                                 // unigrams
            Row(3, 4), Row(4, 3), Row(3, 4),            // bigrams: (3, 4) twice, counted twice
            Row(3, 4, 3), Row(4, 3, 4),                 // trigrams
            5,                                          // sequence 2: a unigram only; sequence 3 is empty
        ];
        Assert.Equal(expected, bag.Bag(3).ToArray());
        Assert.Equal(9, NgramEmbeddingBag.BagSize(4, 3));
        Assert.All(expected[4..9], row => Assert.InRange(row, V, V + config.NgramBuckets - 1));
        Assert.NotEqual(Row(3, 4), Row(4, 3)); // order matters (with these 7 buckets they do not collide)

        // Row 0's features: the mean of its 9 table rows, in the bag's columns only.
        Span<float> table = parameters.Arena.ValuesOf(parameters.NgramEmbedding!);
        var mean = new float[4];
        foreach (int row in expected[..9])
            for (int d = 0; d < 4; d++) mean[d] += table[row * 4 + d] / 9f;
        for (int d = 0; d < 4; d++) Assert.Equal(mean[d], features[config.EncoderPooledDimension + d], 5);
        Assert.True(features.AsSpan(0, config.EncoderPooledDimension).IndexOfAnyExcept(0f) < 0, "the encoder's columns must be left alone");
        Assert.True(features.AsSpan(2 * P, P).IndexOfAnyExcept(0f) < 0, "an empty sequence pools to zeros");
    }

    [Fact]
    public void Separate_bag_ids_feed_the_bag_while_the_encoder_reads_its_window()
    {
        var config = Config(order: 2, buckets: 7);
        var model = new EncoderClassifier(config, seed: 2) { ThreadCount = 1 };
        // Row 0: the encoder sees a 3-token window, the bag sees 6 tokens; row 1 has no bag ids at all.
        var withBag = new TokenBatch(2, 4, maxBagLength: 8);
        withBag.Add([2, 3, 9], [2, 3, 4, 5, 6, 9], 0);
        withBag.Add([7], [], 1);
        var encoderOnly = new TokenBatch(2, 4);
        encoderOnly.Add([2, 3, 9], 0);
        encoderOnly.Add([7], 1);
        int K = config.ClassCount;
        float[] a = new float[2 * K], b = new float[2 * K];
        model.Predict(withBag, a);
        model.Predict(encoderOnly, b);
        Assert.False(a.AsSpan(0, K).SequenceEqual(b.AsSpan(0, K)), "the longer bag must change row 0");

        // The bag's features are exactly the mean over the bag ids' unigrams and bigrams.
        model.ComputeGradients(withBag, training: false);
        Span<float> dtable = model.Parameters.GradientsOf(model.Parameters["ngram_embedding.weight"]);
        foreach (int id in new[] { 4, 5, 6 })
            Assert.True(dtable.Slice(id * 4, 4).IndexOfAnyExcept(0f) >= 0, $"bag-only token {id} must get a gradient");
        Assert.True(dtable.Slice(7 * 4, 4).IndexOfAnyExcept(0f) < 0, "row 1's empty bag reads nothing, not its encoder ids");
        Assert.Throws<InvalidOperationException>(() => withBag.Add([2], 0));
        Assert.Throws<InvalidOperationException>(() => encoderOnly.Add([2], [2], 0));
    }

    [Fact]
    public void Ngram_rows_are_deterministic_and_spread_over_the_buckets()
    {
        const int V = 100, buckets = 64;
        var hits = new int[buckets];
        for (int a = 1; a < 41; a++)
            for (int b = 1; b < 41; b++)
                hits[NgramEmbeddingBag.NgramRow([a, b], V, buckets) - V]++;
        // 1,600 bigrams into 64 buckets: 25 expected per bucket; a poor hash leaves buckets empty or piles up.
        output.WriteLine($"bucket load: min {hits.Min()}, max {hits.Max()} (expected 25)");
        Assert.InRange(hits.Min(), 8, 25);
        Assert.InRange(hits.Max(), 25, 45);
        Assert.Equal(NgramEmbeddingBag.NgramRow([7, 9], V, buckets), NgramEmbeddingBag.NgramRow([7, 9], V, buckets));
    }

    [Fact]
    public void Table_gradient_matches_finite_differences()
    {
        var config = Config();
        ModelParameters parameters = SmallModels.Parameters(config);
        ParameterArena arena = parameters.Arena;
        var bag = new NgramEmbeddingBag(config, arena, parameters.NgramEmbedding!);
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        int B = batch.Count, P = config.PooledDimension, column = config.EncoderPooledDimension;
        bag.EnsureCapacity(B, batch.TokenCount);
        float[] features = new float[B * P], dWeights = TestData.Normal(B * P, 2);
        double Loss()
        {
            bag.Forward(features, P, column, batch, training: true, dropoutKey: 0, threads: 1); // no word dropout configured
            return FiniteDifference.Dot(dWeights, features.AsSpan(0, B * P));
        }
        Loss();
        bag.Backward(dWeights, P, column, B);
        Span<float> dtable = arena.GradientsOf(parameters.NgramEmbedding!);
        Assert.True(dtable.Slice(0, 4).IndexOfAnyExcept(0f) < 0, "the [PAD] row must get no gradient");
        FiniteDifference.AssertGradient(output, "ngram_embedding", arena.ValueArray, parameters.NgramEmbedding!.Offset, dtable, Loss, checks: 200);
    }

    [Fact]
    public void Word_dropout_reaches_the_bag_in_training_only()
    {
        var config = Config() with { WordDropout = 0.5f };
        var model = new EncoderClassifier(config, seed: 2) { ThreadCount = 1 };
        TokenBatch batch = SmallModels.Batch([8, 8, 8], [0, 1, 2]);
        model.ComputeGradients(batch, training: true);
        Span<float> dtable = model.Parameters.GradientsOf(model.Parameters["ngram_embedding.weight"]);
        Assert.True(dtable.Slice(config.UnknownTokenId * 4, 4).IndexOfAnyExcept(0f) >= 0, "dropped tokens must reach the bag as [UNK]");
        model.ComputeGradients(batch, training: false);
        Assert.True(dtable.Slice(config.UnknownTokenId * 4, 4).IndexOfAnyExcept(0f) < 0, "without training there is no word dropout");
    }

    [Fact]
    public void Whole_model_loss_gradient_with_the_bag_matches_finite_differences()
    {
        var config = Config(order: 2, buckets: 5) with { Pooling = PoolingKind.AttentionAndMean };
        var model = new EncoderClassifier(config, seed: 9) { ThreadCount = 1 };
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        double Loss() => model.Evaluate(batch);
        model.ComputeGradients(batch, training: false);
        float[] values = model.Parameters.ValueArray;
        float[] gradients = (float[])model.Parameters.GradientArray.Clone();
        foreach (string name in new[] { "ngram_embedding.weight", "classifier.weight", "token_embedding.weight" })
        {
            ParameterTensor t = model.Parameters[name];
            FiniteDifference.AssertGradient(output, name, values, t.Offset, gradients.AsSpan(t.Offset, t.Length), Loss, checks: 24, scaleTolerance: 1e-2);
        }
    }

    [Fact]
    public void Adamw_moves_only_the_table_rows_a_step_touched_and_zeroes_their_gradients()
    {
        var config = Config(order: 2, buckets: 1000) with { VocabularySize = 40 };
        var model = new EncoderClassifier(config, seed: 3) { ThreadCount = 1 };
        ParameterTensor table = model.Parameters["ngram_embedding.weight"];
        var first = new TokenBatch(2, 8);
        first.Add([2, 3, 4, 5], 0);
        first.Add([6, 7], 1);
        var second = new TokenBatch(2, 8);
        second.Add([20, 21, 22], 2);
        second.Add([23], 0);
        model.TrainStep(first, 1e-2f);
        model.TrainStep(first, 1e-2f);
        float[] before = model.Parameters.ValuesOf(table).ToArray();
        float[] decayBefore = model.Parameters.ValuesOf(model.Parameters["classifier.weight"]).ToArray();
        model.TrainStep(second, 1e-2f);
        Span<float> after = model.Parameters.ValuesOf(table);

        int V = config.VocabularySize, buckets = config.NgramBuckets;
        int[] touched = [20, 21, 22, 23, NgramEmbeddingBag.NgramRow([20, 21], V, buckets), NgramEmbeddingBag.NgramRow([21, 22], V, buckets)];
        int[] earlier = [2, 3, 4, 5, 6, 7, NgramEmbeddingBag.NgramRow([2, 3], V, buckets), NgramEmbeddingBag.NgramRow([6, 7], V, buckets)];
        Assert.Empty(touched.Intersect(earlier));
        foreach (int row in touched)
            Assert.False(after.Slice(row * 4, 4).SequenceEqual(before.AsSpan(row * 4, 4)), $"touched row {row} must move");
        foreach (int row in earlier) // their moments are non-zero: a dense AdamW would still move them
            Assert.True(after.Slice(row * 4, 4).SequenceEqual(before.AsSpan(row * 4, 4)), $"untouched row {row} must stay");
        Assert.False(model.Parameters.ValuesOf(model.Parameters["classifier.weight"]).SequenceEqual(decayBefore));

        // The gradient array is exact after every step: only the second batch's rows are non-zero.
        Span<float> dtable = model.Parameters.GradientsOf(table);
        for (int row = 0; row < V + buckets; row++)
            Assert.Equal(touched.Contains(row), dtable.Slice(row * 4, 4).IndexOfAnyExcept(0f) >= 0);
    }

    [Fact]
    public void Parameter_table_and_initialisation_follow_the_configuration()
    {
        var config = Config(order: 2, buckets: 50);
        var model = new EncoderClassifier(config, seed: 1);
        ParameterTensor table = model.Parameters["ngram_embedding.weight"];
        Assert.Equal([12 + 50, 4], table.Shape);
        Assert.Equal([3, config.EncoderPooledDimension + 4], model.Parameters["classifier.weight"].Shape);
        Span<float> v = model.Parameters.ValuesOf(table);
        Assert.True(v.Slice(0, 4).IndexOfAnyExcept(0f) < 0, "the [PAD] row starts at zero");
        float bound = 1f / 4; // fastText: U(−1/D, 1/D)
        Assert.True(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(v) <= bound);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(v) > 0.9f * bound);

        var unigrams = new EncoderClassifier(Config(order: 1, buckets: 50), seed: 1);
        Assert.Equal([12, 4], unigrams.Parameters["ngram_embedding.weight"].Shape); // no buckets without n-grams
        var off = new EncoderClassifier(SmallModels.Config(), seed: 1);
        Assert.False(off.Parameters.TryGet("ngram_embedding.weight", out _));
        Assert.Equal(off.Config.EncoderPooledDimension, off.Config.PooledDimension);
    }

    [Theory]
    [InlineData("NgramDimension", -1, 2, 10)]
    [InlineData("NgramOrder", 4, 0, 10)]
    [InlineData("NgramBuckets", 4, 2, 0)]
    [InlineData("NgramBuckets", 1024, 2, 1 << 20)] // (12 + 2^20) × 1024 floats is over the table limit
    public void Invalid_bag_settings_are_rejected_naming_the_setting(string name, int dimension, int order, int buckets)
    {
        var config = SmallModels.Config() with { NgramDimension = dimension, NgramOrder = order, NgramBuckets = buckets };
        var e = Assert.Throws<ArgumentException>(() => new EncoderClassifier(config, seed: 0));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Same_seed_gives_bit_identical_weights_with_the_bag_for_any_thread_count()
    {
        float[] Train(int threads)
        {
            var model = new EncoderClassifier(Config() with { WordDropout = 0.2f, EmbeddingDropout = 0.1f }, seed: 4) { ThreadCount = threads };
            var rng = new SplitMix64(3);
            for (int s = 0; s < 4; s++)
            {
                var batch = new TokenBatch(6, 8);
                for (int b = 0; b < 6; b++)
                {
                    var ids = new int[1 + (int)(rng.NextUInt64() % 8)];
                    for (int t = 0; t < ids.Length; t++) ids[t] = 1 + (int)(rng.NextUInt64() % 11);
                    batch.Add(ids, b % 3);
                }
                model.TrainStep(batch, 1e-2f);
            }
            return model.Parameters.Values.ToArray();
        }
        Assert.True(Train(1).AsSpan().SequenceEqual(Train(2)));
    }
}
