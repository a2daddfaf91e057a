// The subword rows of the n-gram bag (Layers/SubwordRows, fastText's character n-grams): which rows a
// token gets (every n-gram of each length in order, lone boundary markers skipped, code points not
// UTF-16 units), that tokens sharing spelling share rows, that the rows stay in the bucket range, that
// the bag appends them after word dropout with their share of the token's weight, the gradient by
// finite differences, and that the engine refuses rows that do not match its configuration.
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Layers;

public sealed class SubwordRowsTests(ITestOutputHelper output)
{
    private const int Buckets = 97;

    private static int Row(string ngram, int vocabularySize) =>
        SubwordRows.Row(ngram.EnumerateRunes().Select(r => r.Value).ToArray(), vocabularySize, Buckets);

    [Fact]
    public void A_token_gets_every_character_ngram_of_each_length_in_order()
    {
        var rows = SubwordRows.Build([null, "<ab>", "cd", null], minimumLength: 2, maximumLength: 3, Buckets);

        Assert.Equal(4, rows.VocabularySize);
        Assert.Empty(rows.Of(0).ToArray());
        Assert.Empty(rows.Of(3).ToArray());
        Assert.Equal(new[] { Row("<a", 4), Row("ab", 4), Row("b>", 4), Row("<ab", 4), Row("ab>", 4) }, rows.Of(1).ToArray());
        Assert.Equal(new[] { Row("cd", 4) }, rows.Of(2).ToArray()); // no 3-gram in a 2-character text
        Assert.Equal(5, rows.MostRowsPerToken);
        Assert.Equal(6, rows.TotalRows);
        Assert.All(rows.Of(1).ToArray(), r => Assert.InRange(r, 4, 4 + Buckets - 1));
    }

    [Fact]
    public void Lone_markers_are_skipped_and_a_surrogate_pair_is_one_character()
    {
        var rows = SubwordRows.Build(["<a>", "x\U0001F600"], minimumLength: 1, maximumLength: 2, Buckets);

        // "<a>": unigrams "a" only (the lone "<" and ">" say nothing), then "<a", "a>".
        Assert.Equal(new[] { Row("a", 2), Row("<a", 2), Row("a>", 2) }, rows.Of(0).ToArray());
        // "x😀" is two characters (three UTF-16 units): two unigrams and one bigram.
        Assert.Equal(new[] { Row("x", 2), Row("\U0001F600", 2), Row("x\U0001F600", 2) }, rows.Of(1).ToArray());
    }

    [Fact]
    public void Tokens_that_share_spelling_share_rows_and_rows_are_deterministic()
    {
        string?[] texts = ["<playing", "<played", "ing"];
        var rows = SubwordRows.Build(texts, 3, 5, 1 << 16);
        var again = SubwordRows.Build(texts, 3, 5, 1 << 16);
        Assert.Equal(rows.Of(0).ToArray(), again.Of(0).ToArray());

        var shared = rows.Of(0).ToArray().Intersect(rows.Of(1).ToArray()).ToArray();
        output.WriteLine($"'<playing' and '<played' share {shared.Length} rows");
        // "<pl", "pla", "lay", "<pla", "play", "<play" are in both.
        Assert.Equal(6, shared.Length);
        Assert.Contains(rows.Of(2).ToArray()[0], rows.Of(0).ToArray()); // "ing" ends "<playing"
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(2, 17)]
    public void Bad_lengths_are_rejected(int minimum, int maximum) =>
        Assert.Throws<ArgumentException>(() => SubwordRows.Build(["<a"], minimum, maximum, Buckets));

    private static EncoderClassifierConfig Config(int order = 2, int buckets = 31) =>
        SmallModels.Config() with { NgramDimension = 4, NgramOrder = order, NgramBuckets = buckets, SubwordMinimumLength = 2, SubwordMaximumLength = 3 };

    /// <summary>Texts for SmallModels' 12 tokens: [PAD] and [UNK] have none, the rest are short words.</summary>
    private static string?[] Texts() => [null, null, "<ab>", "<abc>", "<bc>", "<cd>", "de", "<ef>", "<fa>", "<gab>", "<hh>", "<ii>"];

    [Fact]
    public void The_bag_appends_each_tokens_subword_rows_after_its_ngrams()
    {
        var config = Config();
        var subwords = SubwordRows.Build(Texts(), 2, 3, config.NgramBuckets);
        ModelParameters parameters = SmallModels.Parameters(config);
        var bag = new NgramEmbeddingBag(config, parameters.Arena, parameters.NgramEmbedding!, subwords);
        var batch = new TokenBatch(2, 8);
        batch.Add([2, 3], 0);
        batch.Add([6], 1);
        bag.EnsureCapacity(2, 16);
        int P = config.PooledDimension;
        var features = new float[2 * P];
        bag.Forward(features, P, config.EncoderPooledDimension, batch, training: false, dropoutKey: 0, threads: 1);

        int V = config.VocabularySize;
        int[] expected =
        [
            2, 3, NgramEmbeddingBag.NgramRow([2, 3], V, config.NgramBuckets),
            .. subwords.Of(2), .. subwords.Of(3),
            6, .. subwords.Of(6),
        ];
        Assert.Equal(expected, bag.Bag(2).ToArray());
        Assert.Equal(3 + 5 + 7, bag.Bag(1).Length); // "<ab>": 3 + 2 rows; "<abc>": 4 + 3 rows

        // Row 0 has 3 slots (2 tokens, 1 bigram); each token's subword rows share its slot: their mean is added.
        float[] table = parameters.Arena.ValuesOf(parameters.NgramEmbedding!).ToArray();
        float Value(int row, int d) => table[row * 4 + d];
        for (int d = 0; d < 4; d++)
        {
            double sum = Value(2, d) + Value(3, d) + Value(expected[2], d)
                + subwords.Of(2).ToArray().Average(r => Value(r, d)) + subwords.Of(3).ToArray().Average(r => Value(r, d));
            Assert.Equal(sum / 3, features[config.EncoderPooledDimension + d], 5);
            Assert.Equal(Value(6, d) + subwords.Of(6).ToArray().Average(r => Value(r, d)), features[P + config.EncoderPooledDimension + d], 5);
        }
    }

    [Fact]
    public void A_word_dropped_to_unk_drops_its_subword_rows_too()
    {
        var config = Config() with { WordDropout = 0.5f };
        var subwords = SubwordRows.Build(Texts(), 2, 3, config.NgramBuckets);
        ModelParameters parameters = SmallModels.Parameters(config);
        var bag = new NgramEmbeddingBag(config, parameters.Arena, parameters.NgramEmbedding!, subwords);
        var batch = new TokenBatch(1, 32);
        int[] ids = Enumerable.Range(0, 32).Select(i => 2 + i % 10).ToArray();
        batch.Add(ids, 0);
        bag.EnsureCapacity(1, 32);
        var features = new float[config.PooledDimension];
        bag.Forward(features, config.PooledDimension, config.EncoderPooledDimension, batch, training: true, dropoutKey: 11, threads: 1);

        int[] kept = bag.Bag(1)[..32].ToArray(); // the unigrams after dropout
        int dropped = kept.Count(id => id == config.UnknownTokenId);
        Assert.InRange(dropped, 6, 26);
        int subwordRows = kept.Sum(id => subwords.Of(id).Length);
        Assert.Equal(32 + 31 + subwordRows, bag.Bag(1).Length);
        Assert.True(subwordRows < ids.Sum(id => subwords.Of(id).Length), "dropped words must not bring their subword rows");
    }

    [Fact]
    public void Whole_model_gradient_with_subword_rows_matches_finite_differences()
    {
        var config = Config(order: 1, buckets: 13);
        var model = new EncoderClassifier(config, seed: 4, subwords: SubwordRows.Build(Texts(), 2, 3, 13)) { ThreadCount = 1 };
        Assert.Equal([12 + 13, 4], model.Parameters["ngram_embedding.weight"].Shape); // buckets for the subwords alone
        TokenBatch batch = SmallModels.Batch([5, 1, 0, 3], [0, 2, 1, 1]);
        double Loss() => model.Evaluate(batch);
        model.ComputeGradients(batch, training: false);
        float[] gradients = (float[])model.Parameters.GradientArray.Clone();
        ParameterTensor table = model.Parameters["ngram_embedding.weight"];
        Assert.True(gradients.AsSpan(table.Offset + 12 * 4, 13 * 4).IndexOfAnyExcept(0f) >= 0, "the subword buckets must get gradients");
        FiniteDifference.AssertGradient(output, "ngram_embedding", model.Parameters.ValueArray, table.Offset,
            gradients.AsSpan(table.Offset, table.Length), Loss, checks: 60, scaleTolerance: 1e-2);
    }

    [Fact]
    public void The_engine_needs_subword_rows_that_match_its_configuration()
    {
        var config = Config();
        var rows = SubwordRows.Build(Texts(), 2, 3, config.NgramBuckets);
        Assert.Equal("subwords", Assert.Throws<ArgumentException>(() => new EncoderClassifier(config, seed: 0)).ParamName);
        Assert.Throws<ArgumentException>(() => new EncoderClassifier(config with { SubwordMaximumLength = 0 }, seed: 0, subwords: rows));
        Assert.Throws<ArgumentException>(() => new EncoderClassifier(config, seed: 0, subwords: SubwordRows.Build(Texts(), 2, 4, config.NgramBuckets)));
        Assert.Throws<ArgumentException>(() => new EncoderClassifier(config, seed: 0, subwords: SubwordRows.Build(Texts(), 2, 3, 7)));
        Assert.Throws<ArgumentException>(() => new EncoderClassifier(config, seed: 0, subwords: SubwordRows.Build(Texts()[..11], 2, 3, config.NgramBuckets)));

        var model = new EncoderClassifier(config, seed: 0, subwords: rows);
        using var file = new MemoryStream();
        model.Save(file);
        file.Position = 0;
        var loaded = EncoderClassifier.Load(file, subwordsFor: c => SubwordRows.Build(Texts(), c.SubwordMinimumLength, c.SubwordMaximumLength, c.NgramBuckets));
        Assert.Equal(rows.Of(3).ToArray(), loaded.Subwords!.Of(3).ToArray());
        TokenBatch batch = SmallModels.Batch([4, 2], [0, 1]);
        float[] a = new float[6], b = new float[6];
        model.Predict(batch, a);
        loaded.Predict(batch, b);
        Assert.Equal(a, b);
        file.Position = 0;
        Assert.Throws<ArgumentException>(() => EncoderClassifier.Load(file));
    }

    [Theory]
    [InlineData(0, 17)]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    public void Invalid_subword_settings_are_rejected_by_the_configuration(int minimum, int maximum)
    {
        var config = SmallModels.Config() with { NgramDimension = 4, SubwordMinimumLength = minimum, SubwordMaximumLength = maximum };
        Assert.Throws<ArgumentException>(config.Validate);
    }
}
