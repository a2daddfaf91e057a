// SequenceEncoder's two views of a row: the encoder input is the same whether it is encoded directly or
// derived from the n-gram bag's longer view (one text: [CLS], the first tokens, [SEP]; a pair: the
// tokenizer's longest-first cut), and the bag view holds the whole text up to its own cap.
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Tokenizers;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers.Data;

public sealed class SequenceEncoderTests
{
    private static readonly Tokenizer Tokenizer = WordPieceTokenizer.Train(
        TinyData.Rows(200).Select(r => r.Sentence1.AsMemory()), new TokenizerTrainingOptions { VocabularySize = 120 });

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(40)]
    public void The_encoder_view_is_the_direct_encoding_and_the_bag_view_the_longer_one(int words)
    {
        var random = new Random(words);
        string text = string.Join(' ', Enumerable.Range(0, words).Select(_ => TinyData.Sentence(random, random.Next(4))));
        var direct = new SequenceEncoder(Tokenizer, 10, pairs: false);
        var both = new SequenceEncoder(Tokenizer, 10, pairs: false, bagMaximumLength: 64);
        int[] expected = new int[10], ids = new int[64], bag = new int[64], segments = new int[64];
        int expectedCount = direct.Encode(text, default, expected, segments);

        var (count, bagCount) = both.EncodeWithBag(text, default, ids, bag, segments);

        Assert.Equal(expected[..expectedCount], ids[..count]);
        int uncut = direct.UncutLength(text, default);
        Assert.Equal(Math.Min(uncut, 64), bagCount);
        Assert.Equal(Tokenizer.ClassificationTokenId, bag[0]);
        Assert.Equal(Tokenizer.SeparatorTokenId, bag[bagCount - 1]);
        Assert.Equal(bag[1..(count - 1)], ids[1..(count - 1)]); // the encoder reads the bag view's head
    }

    [Fact]
    public void Pairs_get_the_tokenizers_cut_for_the_encoder_and_a_longer_pair_for_the_bag()
    {
        var random = new Random(2);
        string a = string.Join(' ', Enumerable.Range(0, 4).Select(_ => TinyData.Sentence(random, 0)));
        string b = string.Join(' ', Enumerable.Range(0, 3).Select(_ => TinyData.Sentence(random, 1)));
        var direct = new SequenceEncoder(Tokenizer, 12, pairs: true);
        var both = new SequenceEncoder(Tokenizer, 12, pairs: true, bagMaximumLength: 200);
        int[] expected = new int[200], ids = new int[200], bag = new int[200], segments = new int[200];
        int expectedCount = direct.Encode(a, b, expected, segments);

        var (count, bagCount) = both.EncodeWithBag(a, b, ids, bag, segments);

        Assert.Equal(expected[..expectedCount], ids[..count]);
        Assert.Equal(direct.UncutLength(a, b), bagCount);
        Assert.Equal(2, bag[..bagCount].Count(id => id == Tokenizer.SeparatorTokenId));
    }

    [Fact]
    public void A_bag_cap_no_longer_than_the_encoder_input_means_no_bag_view()
    {
        var encoder = new SequenceEncoder(Tokenizer, 16, pairs: false, bagMaximumLength: 16);
        Assert.Equal(0, encoder.BagMaximumLength);
        Assert.Throws<InvalidOperationException>(() => encoder.EncodeWithBag("a", default, new int[16], new int[16], new int[16]));
    }
}
