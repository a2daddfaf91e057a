// WordPiece vocabulary learning: layout of the learned vocabulary, frequent words whole and rare words
// as learned pieces, VocabularySize and MinimumFrequency honoured, a trained [UNK] (the count the
// trainer reports equals the [UNK]s in the encoded training text), determinism, CJK text, and the
// same checks on real data (IMDB, Chinese reviews) when ../shared is present.
using MlNetAttention.TestKit;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class TrainerTests
{
    internal static readonly string[] SmallCorpus =
    [
        "The movie was great, and the acting was great too.",
        "A great movie: the story, the acting and the music were great!",
        "The worst movie I have seen; the acting was bad and the story was worse.",
        "Acting, directing, writing: everything was great in this movie.",
        "I loved the music and the story of the movie.",
        "The story was boring and the movie was long.",
        "Great acting. Great music. Great movie.",
        "Unbelievable! The director's best movie so far.",
    ];

    private static long CountUnknown(Tokenizer t, IEnumerable<string> corpus) =>
        corpus.Sum(text => t.EncodeToIds(text).Count(id => id == t.UnknownTokenId));

    [Fact]
    public void Learned_vocabulary_starts_with_special_tokens_then_the_alphabet()
    {
        var t = WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { VocabularySize = 100, MinimumUnknownShare = 0, MinimumFrequency = 1 });
        Assert.Equal(new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }, t.Tokens.Take(5));
        Assert.Equal((0, 1, 2, 3, 4), (t.PaddingTokenId, t.UnknownTokenId, t.ClassificationTokenId, t.SeparatorTokenId, t.MaskingTokenId));
        // Every character of the corpus, in both forms where it occurs, precedes the merges.
        foreach (var piece in new[] { "t", "##t", "g", "##g", "!", "u", "##v" }) Assert.Contains(piece, t.Tokens.Take(60));
        Assert.Equal(100, t.VocabularySize);
        Assert.Equal(0, CountUnknown(t, SmallCorpus));
    }

    [Fact]
    public void Frequent_words_are_whole_tokens_and_rare_words_are_learned_pieces()
    {
        var t = WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { VocabularySize = 120, MinimumUnknownShare = 0 });
        Assert.Equal(new[] { "the", "movie", "was", "great" }, t.EncodeToTokens("the movie was great").Select(x => x.Value));
        // "directing" occurs once: below MinimumFrequency 2 it is not merged whole, but pieces cover it.
        var rare = t.EncodeToTokens("directing").Select(x => x.Value).ToArray();
        Assert.True(rare.Length > 1, string.Join(" ", rare));
        Assert.DoesNotContain("[UNK]", rare);
        Assert.DoesNotContain("directing", t.Tokens);
        Assert.Equal("directing", t.Decode(t.EncodeToIds("directing")));
        // Words never seen in training still encode to known pieces when their characters are known.
        Assert.DoesNotContain(t.UnknownTokenId, t.EncodeToIds("greatest stories"));
    }

    [Fact]
    public void MinimumFrequency_is_honoured()
    {
        string[] corpus = ["zebra", "zebra", "quokka"];
        var strict = WordPieceTokenizer.Train(corpus, new TokenizerTrainingOptions { VocabularySize = 200, MinimumFrequency = 2, MinimumUnknownShare = 0 });
        Assert.Contains("zebra", strict.Tokens);
        Assert.DoesNotContain("quokka", strict.Tokens);
        Assert.DoesNotContain("q", strict.Tokens); // seen once: left out of the alphabet
        Assert.Equal(new[] { "zebra", "[UNK]" }, strict.EncodeToTokens("zebra quokka").Select(x => x.Value));
        var loose = WordPieceTokenizer.Train(corpus, new TokenizerTrainingOptions { VocabularySize = 200, MinimumFrequency = 1, MinimumUnknownShare = 0 });
        Assert.Contains("quokka", loose.Tokens);
    }

    [Fact]
    public void VocabularySize_is_an_upper_bound()
    {
        foreach (int size in new[] { 6, 30, 60, 100 })
        {
            var t = WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { VocabularySize = size, MinimumFrequency = 1 });
            Assert.Equal(size, t.VocabularySize);
        }
        // A tiny corpus runs out of pairs first.
        var small = WordPieceTokenizer.Train(["ab ab"], new TokenizerTrainingOptions { VocabularySize = 1000, MinimumUnknownShare = 0 });
        Assert.Equal(new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "##b", "ab" }, small.Tokens);
    }

    [Fact]
    public void Unknown_token_occurs_in_the_training_text_and_the_reported_count_is_exact()
    {
        var options = new TokenizerTrainingOptions { VocabularySize = 150, MinimumUnknownShare = 0.02 };
        var t = WordPieceTokenizer.Train(SmallCorpus, options);
        var summary = t.TrainingSummary!;
        long words = SmallCorpus.Sum(s => t.PreTokenizer.PreTokenize(s).Count);
        Assert.Equal(words, summary.WordOccurrences);
        Assert.Equal(SmallCorpus.Length, summary.Documents);
        Assert.True(summary.UnknownTokenOccurrences >= Math.Ceiling(0.02 * words), summary.ToString());
        Assert.Equal(CountUnknown(t, SmallCorpus), summary.UnknownTokenOccurrences);

        var none = WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { VocabularySize = 150, MinimumUnknownShare = 0, MinimumFrequency = 1 });
        Assert.Equal(0, none.TrainingSummary!.UnknownTokenOccurrences);
        Assert.Equal(0, CountUnknown(none, SmallCorpus));
    }

    [Fact]
    public void Too_long_words_count_as_unknown()
    {
        string longWord = new('x', 30);
        var t = WordPieceTokenizer.Train([longWord, "short words here", "short"],
            new TokenizerTrainingOptions { VocabularySize = 50, MinimumUnknownShare = 0, MinimumFrequency = 1 },
            new WordPieceOptions { MaxInputCharsPerWord = 20 });
        Assert.Equal(1, t.TrainingSummary!.TooLongWordOccurrences);
        Assert.Equal(1, t.TrainingSummary.UnknownTokenOccurrences);
        Assert.DoesNotContain("x", t.Tokens);
    }

    [Fact]
    public void Learning_is_deterministic_and_ignores_corpus_order()
    {
        var options = new TokenizerTrainingOptions { VocabularySize = 90 };
        var a = WordPieceTokenizer.Train(SmallCorpus, options);
        var b = WordPieceTokenizer.Train(SmallCorpus.Reverse(), options);
        var c = WordPieceTokenizer.Train(SmallCorpus.Concat([null, ""]), options);
        Assert.Equal(a.Tokens, b.Tokens);
        Assert.Equal(a.Tokens, c.Tokens);
    }

    [Fact]
    public void A_column_of_memory_slices_trains_like_strings()
    {
        // ML.NET text columns hold ReadOnlyMemory<char>; slices of one buffer must work without copies.
        string buffer = string.Join("|", SmallCorpus);
        var slices = new List<ReadOnlyMemory<char>>();
        int start = 0;
        foreach (var text in SmallCorpus)
        {
            slices.Add(buffer.AsMemory(start, text.Length));
            start += text.Length + 1;
        }
        var options = new TokenizerTrainingOptions { VocabularySize = 90 };
        Assert.Equal(WordPieceTokenizer.Train(SmallCorpus, options).Tokens, WordPieceTokenizer.Train(slices, options).Tokens);
        Assert.Equal(WordTokenizer.Train(SmallCorpus, options).Tokens, WordTokenizer.Train(slices, options).Tokens);
    }

    [Fact]
    public void Chinese_text_learns_ideographs_as_words()
    {
        string[] corpus = ["这本书很好，我很喜欢。", "这本书不好。", "我喜欢这个手机，很好用！", "手机不好用"];
        var t = WordPieceTokenizer.Train(corpus, new TokenizerTrainingOptions { VocabularySize = 60, MinimumUnknownShare = 0 });
        Assert.Equal(new[] { "我", "喜", "欢", "这", "本", "书" }, t.EncodeToTokens("我喜欢这本书").Select(x => x.Value));
        Assert.DoesNotContain(t.Tokens, token => token.StartsWith("##", StringComparison.Ordinal) && token.Length > 2);
    }

    [Fact]
    public void Bad_options_are_rejected_with_the_parameter_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { VocabularySize = 5 }));
        Assert.Equal("trainingOptions", e.ParamName);
        Assert.Contains("5", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { MinimumFrequency = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { MinimumUnknownShare = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => WordPieceTokenizer.Train(SmallCorpus, new TokenizerTrainingOptions { MinimumUnknownShare = 1 }));
        Assert.Throws<ArgumentNullException>(() => WordPieceTokenizer.Train((IEnumerable<string?>)null!));
    }

    [SharedDataFact("imdb/train.csv", "imdb/test.csv")]
    public void Imdb_subset_trains_an_unknown_token_and_round_trips()
    {
        var texts = TokenizerTestData.ReadTexts("imdb", 3000);
        var t = WordPieceTokenizer.Train(texts, new TokenizerTrainingOptions { VocabularySize = 4000 });
        var summary = t.TrainingSummary!;
        Assert.Equal(4000, t.VocabularySize);
        Assert.True(summary.UnknownTokenOccurrences >= Math.Ceiling(1e-4 * summary.WordOccurrences), summary.ToString());
        Assert.True(summary.UnknownShare < 1e-3, summary.ToString()); // rare material only
        Assert.Equal(CountUnknown(t, texts), summary.UnknownTokenOccurrences);
        int roundTrips = 0;
        foreach (var text in texts)
        {
            var ids = t.EncodeToIds(text);
            if (ids.Contains(t.UnknownTokenId)) continue;
            Assert.Equal(t.PreTokenizer.Normalize(text), t.Decode(ids));
            roundTrips++;
        }
        Assert.True(roundTrips > texts.Count * 9 / 10, $"{roundTrips} of {texts.Count}");
        // Held-out reviews: words are mostly whole or pieces, [UNK] stays rare.
        var test = TokenizerTestData.ReadTexts("imdb", 500, "test.csv");
        long tokens = test.Sum(x => (long)t.CountTokens(x));
        Assert.True(CountUnknown(t, test) < tokens / 1000, $"{CountUnknown(t, test)} [UNK] in {tokens} tokens");
    }

    [SharedDataFact("online_shopping_zh/train.csv")]
    public void Chinese_reviews_train_with_every_ideograph_its_own_token()
    {
        var texts = TokenizerTestData.ReadTexts("online_shopping_zh", 3000);
        var t = WordPieceTokenizer.Train(texts, new TokenizerTrainingOptions { VocabularySize = 3000 });
        Assert.Equal(CountUnknown(t, texts), t.TrainingSummary!.UnknownTokenOccurrences);
        Assert.True(t.TrainingSummary.UnknownTokenOccurrences > 0);
        int roundTrips = 0;
        foreach (var text in texts)
        {
            var tokens = t.EncodeToTokens(text);
            foreach (var token in tokens)
                if (token.Value.Length == 1 && token.Value[0] >= 0x4E00 && token.Value[0] <= 0x9FFF)
                    Assert.Equal(token.Value, text[token.Offset]);
            if (tokens.Any(x => x.Id == t.UnknownTokenId)) continue;
            Assert.Equal(t.PreTokenizer.Normalize(text), t.Decode(tokens.Select(x => x.Id)));
            roundTrips++;
        }
        Assert.True(roundTrips > texts.Count / 2, $"{roundTrips} of {texts.Count}");
    }
}
