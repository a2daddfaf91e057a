// The word-level tokenizer: frequency-ranked vocabulary, MinimumFrequency and VocabularySize
// honoured, rare words to a trained [UNK] with an exact count, offsets and decoding.
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class WordTokenizerTests
{
    [Fact]
    public void Vocabulary_is_ranked_by_frequency_after_the_special_tokens()
    {
        var t = WordTokenizer.Train(["b a b c a b", "c d"], new TokenizerTrainingOptions { MinimumFrequency = 1, MinimumUnknownShare = 0 });
        Assert.Equal(new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "b", "a", "c", "d" }, t.Tokens);
        Assert.Equal(new[] { 5, 6, 1 }, t.EncodeToIds("B a zebra"));
    }

    [Fact]
    public void Rare_words_become_a_trained_unknown_token()
    {
        var t = WordTokenizer.Train(TrainerTests.SmallCorpus);
        var summary = t.TrainingSummary!;
        long unknown = TrainerTests.SmallCorpus.Sum(s => t.EncodeToIds(s).Count(id => id == t.UnknownTokenId));
        Assert.True(unknown > 0);
        Assert.Equal(unknown, summary.UnknownTokenOccurrences);
        Assert.DoesNotContain("unbelievable", t.Tokens); // seen once, below MinimumFrequency 2
        Assert.Contains("movie", t.Tokens);
    }

    [Fact]
    public void MinimumUnknownShare_drops_the_rarest_words_when_needed()
    {
        string[] corpus = ["the cat", "the cat", "the dog", "the dog", "the end"];
        var t = WordTokenizer.Train(corpus, new TokenizerTrainingOptions { MinimumFrequency = 1, MinimumUnknownShare = 0.25 });
        // 10 words: at least 3 must be [UNK]; "end" (1) then "dog" (2), the rarest, go first.
        Assert.Equal(new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat" }, t.Tokens);
        Assert.Equal(3, t.TrainingSummary!.UnknownTokenOccurrences);
    }

    [Fact]
    public void VocabularySize_caps_the_word_list()
    {
        var t = WordTokenizer.Train(TrainerTests.SmallCorpus, new TokenizerTrainingOptions { VocabularySize = 12, MinimumFrequency = 1 });
        Assert.Equal(12, t.VocabularySize);
        Assert.Equal("the", t.Tokens[5]);
    }

    [Fact]
    public void Offsets_decode_and_vocab_file_work_as_for_wordpiece()
    {
        var t = WordTokenizer.Train(TrainerTests.SmallCorpus);
        const string text = "The MOVIE, was great!";
        var tokens = t.EncodeToTokens(text);
        Assert.Equal(new[] { "The", "MOVIE", ",", "was", "great", "!" }, tokens.Select(x => text[x.Offset]));
        Assert.Equal("the movie , was great !", t.Decode(t.EncodeToIds(text)));
        var stream = new MemoryStream();
        t.SaveVocabulary(stream);
        stream.Position = 0;
        Assert.Equal(t.Tokens, WordTokenizer.Create(stream).Tokens);
    }
}
