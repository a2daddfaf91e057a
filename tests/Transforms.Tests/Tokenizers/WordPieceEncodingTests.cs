// WordPiece encoding against a fixed small vocabulary (the one of Google's BERT tokenizer tests,
// plus a few entries): greedy longest-match-first splits, [UNK] for unmatchable or too-long words,
// offsets into the original text, truncation, special tokens, sentence pairs and decoding.
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class WordPieceEncodingTests
{
    internal static readonly string[] SmallVocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",", "low", "lowest", "!",
        "\U0001F600", "##\U0001F600", "a", "##a", "##aa",
    ];

    internal static WordPieceTokenizer Small(WordPieceOptions? options = null) => WordPieceTokenizer.Create(SmallVocabulary, options);

    private static string[] Pieces(Tokenizer t, string text) => t.EncodeToTokens(text).Select(x => x.Value).ToArray();

    [Theory]
    [InlineData("unwanted running", new[] { "un", "##want", "##ed", "runn", "##ing" })]
    [InlineData("unwantedX running", new[] { "[UNK]", "runn", "##ing" })]
    [InlineData("UNwant\u00E9d,running", new[] { "un", "##want", "##ed", ",", "runn", "##ing" })]
    [InlineData("lowest low", new[] { "lowest", "low" })]
    [InlineData("aaaaa", new[] { "a", "##aa", "##aa" })]
    [InlineData("a\U0001F600\U0001F600", new[] { "a", "##\U0001F600", "##\U0001F600" })]
    [InlineData("wa", new[] { "wa" })]
    [InlineData("waa", new[] { "wa", "##a" })]
    [InlineData("", new string[0])]
    public void Splits_greedily_longest_match_first(string text, string[] expected) =>
        Assert.Equal(expected, Pieces(Small(), text));

    [Fact]
    public void Pieces_never_split_a_surrogate_pair()
    {
        // A vocabulary (e.g. a foreign vocab.txt) may hold half of a surrogate pair; matching works on
        // code points, so "\U0001F601" cannot be cut into "\uD83D" + "##\uDE01".
        var t = WordPieceTokenizer.Create(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "\uD83D", "##\uDE01", "x", "##\U0001F601"]);
        Assert.Equal(new[] { "[UNK]" }, Pieces(t, "\U0001F601"));
        Assert.Equal(new[] { "x", "##\U0001F601" }, Pieces(t, "x\U0001F601"));
    }

    [Fact]
    public void Ids_are_vocabulary_positions()
    {
        var t = Small();
        Assert.Equal(new[] { 9, 6, 7, 10, 11 }, t.EncodeToIds("unwanted running"));
        Assert.Equal(1, t.UnknownTokenId);
        Assert.Equal((0, 2, 3, 4), (t.PaddingTokenId, t.ClassificationTokenId, t.SeparatorTokenId, t.MaskingTokenId));
    }

    [Fact]
    public void Offsets_index_the_original_text()
    {
        const string text = "UNwant\u00E9d,running  lowX";
        var tokens = Small().EncodeToTokens(text);
        Assert.Equal(new[] { 0..2, 2..6, 6..8, 8..9, 9..13, 13..16, 18..22 }, tokens.Select(t => t.Offset));
        Assert.Equal(new[] { "UN", "want", "\u00E9d", ",", "runn", "ing", "lowX" }, tokens.Select(t => text[t.Offset]));
        Assert.Equal("[UNK]", tokens[^1].Value);
    }

    [Fact]
    public void Offsets_follow_decomposed_input()
    {
        // "e\u0301" is two code units normalised to one character; the piece covers both.
        const string text = "unwante\u0301d";
        var tokens = Small().EncodeToTokens(text);
        Assert.Equal(new[] { "un", "##want", "##ed" }, tokens.Select(t => t.Value));
        Assert.Equal(new[] { "un", "want", "e\u0301d" }, tokens.Select(t => text[t.Offset]));
    }

    [Fact]
    public void Words_longer_than_MaxInputCharsPerWord_are_unknown()
    {
        var t = Small();
        string longWord = string.Concat(Enumerable.Repeat("a", 101));
        Assert.Equal(new[] { "[UNK]", "low" }, Pieces(t, longWord + " low"));
        Assert.Equal(0..101, t.EncodeToTokens(longWord)[0].Offset);
        // Exactly 100 characters is not too long: "a", 49 x "##aa", "##a".
        Assert.Equal(51, t.CountTokens(string.Concat(Enumerable.Repeat("a", 100))));
    }

    [Fact]
    public void MaxInputCharsPerWord_option_is_honoured()
    {
        var t = Small(new WordPieceOptions { MaxInputCharsPerWord = 5 });
        Assert.Equal(new[] { "[UNK]", "want" }, Pieces(t, "running want"));
        Assert.Equal(new[] { "runn", "##ing" }, Pieces(Small(), "running"));
    }

    [Fact]
    public void Lower_casing_and_accent_options_are_honoured()
    {
        var cased = Small(new WordPieceOptions { LowerCaseBeforeTokenization = false, RemoveNonSpacingMarks = false });
        Assert.Equal(new[] { "[UNK]", "[UNK]", "low" }, Pieces(cased, "Low low\u0301 low"));
        Assert.Equal(new[] { "low", "low", "low" }, Pieces(Small(), "Low low\u0301 low"));
    }

    [Fact]
    public void Truncation_keeps_the_first_tokens_and_reports_characters_consumed()
    {
        var t = Small();
        const string text = "unwanted running low";
        var ids = t.EncodeToIds(text, maxTokenCount: 4, out int consumed);
        Assert.Equal(t.EncodeToIds(text).Take(4), ids);
        Assert.Equal(13, consumed); // "unwanted runn"
        t.EncodeToIds(text, maxTokenCount: 100, out consumed);
        Assert.Equal(text.Length, consumed);

        Span<int> buffer = stackalloc int[2];
        Assert.Equal(2, t.EncodeToIds(text, buffer, out consumed));
        Assert.Equal(new[] { 9, 6 }, buffer.ToArray());
        Assert.Equal(6, consumed);
    }

    [Fact]
    public void Special_tokens_surround_a_single_sentence()
    {
        var t = Small();
        Assert.Equal(new[] { 2, 9, 6, 7, 3 }, t.EncodeToIds("unwanted", addSpecialTokens: true));
        Span<int> ids = stackalloc int[4];
        Span<Range> offsets = new Range[4];
        int n = t.EncodeToIds("unwanted running", ids, offsets, out int consumed, addSpecialTokens: true);
        Assert.Equal(4, n);
        Assert.Equal(new[] { 2, 9, 6, 3 }, ids.ToArray());
        Assert.Equal(new[] { 0..0, 0..2, 2..6, 6..6 }, offsets.ToArray());
        Assert.Equal(6, consumed);
        var tokens = t.EncodeToTokens("low!", addSpecialTokens: true);
        Assert.Equal(new[] { "[CLS]", "low", "!", "[SEP]" }, tokens.Select(x => x.Value));
        Assert.Equal(4..4, tokens[^1].Offset);
        Assert.Throws<ArgumentException>(() => t.EncodeToIds("low", new int[1], out _, addSpecialTokens: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.EncodeToIds("low", 1, out _, addSpecialTokens: true));
    }

    [Fact]
    public void Sentence_pairs_get_cls_sep_layout_and_segment_ids()
    {
        var t = Small();
        var ids = new int[16];
        var segments = new int[16];
        var offsets = new Range[16];
        int n = t.EncodePairToIds("unwanted", "low!", ids, segments, offsets);
        Assert.Equal(new[] { "[CLS]", "un", "##want", "##ed", "[SEP]", "low", "!", "[SEP]" }, ids[..n].Select(t.MapIdToToken));
        Assert.Equal(new[] { 0, 0, 0, 0, 0, 1, 1, 1 }, segments[..n]);
        Assert.Equal(new[] { 0..0, 0..2, 2..6, 6..8, 8..8, 0..3, 3..4, 4..4 }, offsets[..n]);
        Assert.Equal(t.BuildInputsWithSpecialTokens(t.EncodeToIds("unwanted"), t.EncodeToIds("low!")), ids[..n]);
        Assert.Equal(t.CreateTokenTypeIdsFromSequences(t.EncodeToIds("unwanted"), t.EncodeToIds("low!")), segments[..n]);
        Assert.Equal(new[] { 2, 3, 3 }, ids[..t.EncodePairToIds("", "", ids, segments)]);
    }

    [Fact]
    public void Long_pairs_are_cut_longest_first()
    {
        var t = Small();
        var ids = new int[8]; // budget 5
        var segments = new int[8];
        int n = t.EncodePairToIds("low low low low low low", "want want", ids, segments);
        Assert.Equal(new[] { "[CLS]", "low", "low", "low", "[SEP]", "want", "want", "[SEP]" }, ids[..n].Select(t.MapIdToToken));
        Assert.Equal(new[] { 0, 0, 0, 0, 0, 1, 1, 1 }, segments[..n]);
    }

    [Fact]
    public void LongestFirst_matches_removing_one_token_at_a_time()
    {
        // HF transformers' rule: remove from the longer sequence, from the second on a tie.
        for (int budget = 0; budget <= 12; budget++)
        for (int a = 0; a <= 15; a++)
        for (int b = 0; b <= 15; b++)
        {
            int ka = a, kb = b;
            while (ka + kb > budget)
            {
                if (ka > kb) ka--;
                else kb--;
            }
            Assert.Equal((ka, kb), Tokenizer.LongestFirst(a, b, budget));
        }
    }

    [Fact]
    public void Decode_joins_pieces_and_can_skip_special_tokens()
    {
        var t = Small();
        var ids = t.EncodeToIds("UNwant\u00E9d,running!", addSpecialTokens: true);
        Assert.Equal("[CLS] unwanted , running ! [SEP]", t.Decode(ids));
        Assert.Equal("unwanted , running !", t.Decode(ids, skipSpecialTokens: true));
        Assert.Equal("##ed want", t.Decode([7, 5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Decode([0, SmallVocabulary.Length]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Decode([-1]));
    }

    [Fact]
    public void CountTokens_equals_the_number_of_encoded_ids()
    {
        var t = Small();
        foreach (var text in new[] { "", "unwanted running", "unwantedX, low!! \U0001F600", "a b c" })
            Assert.Equal(t.EncodeToIds(text).Count, t.CountTokens(text));
    }

    [Fact]
    public void Options_are_copied_and_validated()
    {
        var options = new WordPieceOptions { LowerCaseBeforeTokenization = true };
        var t = Small(options);
        options.LowerCaseBeforeTokenization = false;
        Assert.True(t.PreTokenizer.LowerCaseBeforeTokenization);
        Assert.True(t.GetOptions().LowerCaseBeforeTokenization);

        Assert.Throws<ArgumentOutOfRangeException>(() => Small(new WordPieceOptions { MaxInputCharsPerWord = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Small(new WordPieceOptions { MaxInputCharsPerWord = Tokenizer.MaxMaxInputCharsPerWord + 1 }));
        Assert.Throws<ArgumentException>(() => Small(new WordPieceOptions { ContinuingSubwordPrefix = "" }));
        Assert.Throws<ArgumentException>(() => Small(new WordPieceOptions { SeparatorToken = "[CLS]" }));
        var missing = Assert.Throws<ArgumentException>(() => Small(new WordPieceOptions { MaskingToken = "<mask>" }));
        Assert.Contains("<mask>", missing.Message);
    }

    [Fact]
    public void Large_MaxInputCharsPerWord_uses_pooled_scratch_and_still_encodes()
    {
        // Above 512 the scratch comes from ArrayPool instead of the stack.
        var t = Small(new WordPieceOptions { MaxInputCharsPerWord = 5000 });
        string longWord = new('a', 4001);
        Assert.Equal(2001, t.CountTokens(longWord)); // "a" + 2000 x "##aa"
        Assert.Equal(new[] { "[UNK]" }, Pieces(t, new string('a', 5001)));
        Assert.Equal(new[] { "un", "##want", "##ed" }, Pieces(t, "unwanted"));
    }

    [Fact]
    public void Vocabulary_views_are_read_only()
    {
        var t = Small();
        Assert.False(t.Tokens is string[]);
        Assert.False(t.TokenIds is Dictionary<string, int>);
        Assert.False(t.SpecialTokens is Dictionary<string, int>);
        Assert.Equal(5, t.SpecialTokens.Count);
        Assert.Equal(t.UnknownTokenId, t.SpecialTokens["[UNK]"]);
    }

    [Fact]
    public void A_custom_continuation_prefix_is_used_for_matching_and_decoding()
    {
        var t = WordPieceTokenizer.Create(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "@@want", "@@ed"],
            new WordPieceOptions { ContinuingSubwordPrefix = "@@" });
        Assert.Equal(new[] { "un", "@@want", "@@ed" }, t.EncodeToTokens("unwanted").Select(x => x.Value));
        Assert.Equal("unwanted", t.Decode(t.EncodeToIds("unwanted")));
    }
}
