// Property tests (FsCheck, fixed seed): over random texts mixing ASCII, accents (precomposed and
// combining), CJK, kana, Hangul, emoji, control/format characters, exotic spaces and lone surrogates:
//  - offsets always point at the original text: in bounds, in order, and the original slice of a
//    token normalises back to the token (without its continuation prefix);
//  - decode(encode(x)) equals the normalised x when no [UNK] occurs (WordPiece and word tokenizers);
//  - the allocation-free span API, the list API, CountTokens and truncation agree;
//  - sentence pairs keep BERT's layout;
//  - learning is deterministic, whatever the corpus order.
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class PropertyTests
{
    private static readonly string[] Pieces =
    [
        "a", "b", "c", "e", "n", "t", "s", "o", "re", "ing", "The", "HELLO", "un", "able",
        " ", " ", " ", "  ", "\t", "\n", ",", ".", "!", "'", "-", "$", "(", ")",
        "\u00E9", "e\u0301", "\u00DC", "\u00DF", "\u0130", "\u03A3", "\uFB01", "\u0301",
        "中", "文", "字", "か", "ご", "한", "국",
        "\U0001F600", "\U0001F44D\U0001F3FD", "\u200D", "\uFE0F",
        "\u0000", "\u0007", "\u200B", "\uFFFD", "\uD800", "\uDC00", "\u00A0", "\u3000", "\u2028",
        "\u201C", "\u201D", "\u2026", "\uFF0C",
    ];

    private static readonly Gen<string> Text =
        Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts));

    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(20240401UL, 0x9E3779B97F4A7C15UL);

    // Trained on pool text so most generated words are representable; MaxInputCharsPerWord is small
    // so too-long words ([UNK]) also occur.
    private static readonly Lazy<WordPieceTokenizer> WordPiece = new(() => WordPieceTokenizer.Train(
        Corpus(new Random(7), 400),
        new TokenizerTrainingOptions { VocabularySize = 400, MinimumFrequency = 1, MinimumUnknownShare = 0 },
        new WordPieceOptions { MaxInputCharsPerWord = 24 }));

    private static readonly Lazy<WordTokenizer> Word = new(() => WordTokenizer.Train(
        Corpus(new Random(8), 400), new TokenizerTrainingOptions { MinimumFrequency = 1, MinimumUnknownShare = 0 }));

    private static List<string> Corpus(Random random, int documents) =>
        Enumerable.Range(0, documents)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => Pieces[random.Next(Pieces.Length)])))
            .ToList();

    private static void Check(Action<string> property) => FsCheck.Check.One(Seeded, Prop.ForAll(Text.ToArbitrary(), property));

    [Fact]
    public void Offsets_always_point_at_the_original_text()
    {
        Check(text =>
        {
            var t = WordPiece.Value;
            var tokens = t.EncodeToTokens(text);
            for (int k = 0; k < tokens.Count; k++)
            {
                var (start, end) = (tokens[k].Offset.Start.Value, tokens[k].Offset.End.Value);
                Assert.InRange(start, 0, text.Length);
                Assert.InRange(end, start + 1, text.Length);
                if (k > 0)
                {
                    Assert.True(start >= tokens[k - 1].Offset.Start.Value, $"token {k} starts before token {k - 1} in {Show(text)}");
                    Assert.True(end >= tokens[k - 1].Offset.End.Value);
                }
                // Pieces that share an original character (a Hangul syllable's jamo) overlap; every
                // other token's slice normalises back to the token.
                bool overlaps = (k > 0 && tokens[k - 1].Offset.End.Value > start)
                                || (k + 1 < tokens.Count && tokens[k + 1].Offset.Start.Value < end);
                if (overlaps) continue;
                string slice = text[start..end];
                if (tokens[k].Id == t.UnknownTokenId)
                {
                    Assert.Single(t.PreTokenizer.PreTokenize(slice));
                    continue;
                }
                string value = tokens[k].Value;
                if (value.StartsWith(t.ContinuingSubwordPrefix, StringComparison.Ordinal) && value.Length > t.ContinuingSubwordPrefix.Length)
                    value = value[t.ContinuingSubwordPrefix.Length..];
                Assert.True(value == t.PreTokenizer.Normalize(slice), $"token '{value}' vs slice {Show(slice)} of {Show(text)}");
            }
        });
    }

    [Fact]
    public void Decode_of_encode_is_the_normalised_text_when_nothing_is_unknown()
    {
        int checkedTexts = 0;
        Check(text =>
        {
            foreach (Tokenizer t in new Tokenizer[] { WordPiece.Value, Word.Value })
            {
                var ids = t.EncodeToIds(text);
                if (ids.Contains(t.UnknownTokenId)) continue;
                Assert.Equal(t.PreTokenizer.Normalize(text), t.Decode(ids));
                checkedTexts++;
            }
        });
        Assert.True(checkedTexts > 100, $"only {checkedTexts} texts without [UNK]");
    }

    [Fact]
    public void Span_list_count_and_truncated_encodings_agree()
    {
        Check(text =>
        {
            var t = WordPiece.Value;
            var ids = t.EncodeToIds(text);
            Assert.Equal(ids.Count, t.CountTokens(text));
            var buffer = new int[ids.Count + 3];
            var offsets = new Range[buffer.Length];
            int n = t.EncodeToIds(text, buffer, offsets, out int consumed);
            Assert.Equal(ids, buffer[..n]);
            Assert.Equal(text.Length, consumed);
            Assert.Equal(t.EncodeToTokens(text).Select(x => x.Offset), offsets[..n]);
            for (int max = 0; max <= ids.Count; max++)
            {
                var cut = t.EncodeToIds(text, max, out int cutConsumed);
                Assert.Equal(ids.Take(max), cut);
                Assert.Equal(max == ids.Count ? text.Length : max == 0 ? 0 : offsets[max - 1].End.Value, cutConsumed);
            }
        });
    }

    [Fact]
    public void Sentence_pairs_keep_the_bert_layout()
    {
        var pairs = Gen.Two(Text).Zip(Gen.Choose(3, 20)).ToArbitrary();
        FsCheck.Check.One(Seeded, Prop.ForAll(pairs, item =>
        {
            var ((first, second), length) = item;
            var t = WordPiece.Value;
            var ids = new int[length];
            var segments = new int[length];
            int n = t.EncodePairToIds(first, second, ids, segments);
            var a = t.EncodeToIds(first);
            var b = t.EncodeToIds(second);
            var (ka, kb) = Tokenizer.LongestFirst(a.Count, b.Count, length - 3);
            Assert.Equal(3 + ka + kb, n);
            Assert.Equal(t.BuildInputsWithSpecialTokens(a.Take(ka), b.Take(kb)), ids[..n]);
            Assert.Equal(t.CreateTokenTypeIdsFromSequences(a.Take(ka), b.Take(kb)), segments[..n]);
        }));
    }

    [Fact]
    public void Learning_is_deterministic_whatever_the_corpus_order()
    {
        var corpora = Text.ListOf().Select(list => list.ToArray()).ToArbitrary();
        FsCheck.Check.One(Seeded.WithMaxTest(40), Prop.ForAll(corpora, corpus =>
        {
            var options = new TokenizerTrainingOptions { VocabularySize = 80, MinimumFrequency = 1 };
            var forward = WordPieceTokenizer.Train(corpus, options);
            var again = WordPieceTokenizer.Train(corpus, options);
            var reversed = WordPieceTokenizer.Train(corpus.Reverse(), options);
            Assert.Equal(forward.Tokens, again.Tokens);
            Assert.Equal(forward.Tokens, reversed.Tokens);
            Assert.Equal(forward.TrainingSummary, reversed.TrainingSummary);
            Assert.Equal(WordTokenizer.Train(corpus).Tokens, WordTokenizer.Train(corpus.Reverse()).Tokens);
        }));
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
