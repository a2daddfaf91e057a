// BERT basic tokenisation: known cases (accents, punctuation, CJK mixed with Latin, emoji, control
// characters, exotic whitespace), the 300 x 5 cases of Fixtures/basic_tokenization_cases.json
// produced by the Python reference (Fixtures/bert_basic_reference.py), and offsets into the original
// text when normalisation changes lengths.
using System.Text.Json;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class BertPreTokenizerTests
{
    private static readonly BertPreTokenizer Uncased = new();
    private static readonly BertPreTokenizer Cased = new(lowerCaseBeforeTokenization: false, removeNonSpacingMarks: false);

    private static string[] Words(BertPreTokenizer p, string text) => p.PreTokenize(text).Select(w => w.Text).ToArray();

    [Theory]
    // Google's BERT test cases.
    [InlineData(" \tHeLLo!how  \n Are yoU?  ", new[] { "hello", "!", "how", "are", "you", "?" })]
    [InlineData("H\u00E9llo", new[] { "hello" })]
    [InlineData("ah\u535A\u63A8zz", new[] { "ah", "\u535A", "\u63A8", "zz" })]
    // Punctuation: ASCII symbols count, as do Unicode P* characters; letters around them split.
    [InlineData("Hello, World!", new[] { "hello", ",", "world", "!" })]
    [InlineData("$5+3=8 (ok)", new[] { "$", "5", "+", "3", "=", "8", "(", "ok", ")" })]
    [InlineData("\u201CQuoted\u201D\u2014dash\u2026", new[] { "\u201C", "quoted", "\u201D", "\u2014", "dash", "\u2026" })]
    [InlineData("don't e-mail", new[] { "don", "'", "t", "e", "-", "mail" })]
    // CJK ideographs are words of their own; kana runs stay one word and lose their voicing mark (Mn).
    [InlineData("我爱NLP和BERT", new[] { "我", "爱", "nlp", "和", "bert" })]
    [InlineData("東京はすごい。", new[] { "東", "京", "はすこい", "。" })]
    [InlineData("价格￥99，很好！", new[] { "价", "格", "￥99", "，", "很", "好", "！" })]
    // Emoji are word characters (So), kept inside words; ZWJ (Cf) is dropped, skin tones kept.
    [InlineData("I love \U0001F3AC!", new[] { "i", "love", "\U0001F3AC", "!" })]
    [InlineData("hi\U0001F600 there", new[] { "hi\U0001F600", "there" })]
    [InlineData("\U0001F468\u200D\U0001F469", new[] { "\U0001F468\U0001F469" })]
    // Control and format characters vanish without splitting; exotic spaces split.
    [InlineData("a\u0000b\u0007c\u007Fd", new[] { "abcd" })]
    [InlineData("zero\u200Bwidth\uFFFD", new[] { "zerowidth" })]
    [InlineData("a\u00A0b\u3000c\u2028d\u2009e", new[] { "a", "b", "c", "d", "e" })]
    [InlineData("tab\tnew\nline\r\nend", new[] { "tab", "new", "line", "end" })]
    // Accents: precomposed and decomposed forms give the same word; U+0130 lower-cases to i.
    [InlineData("Ünïcödé U\u0308ber \u0130stanbul", new[] { "unicode", "uber", "istanbul" })]
    [InlineData("na\u00EFve caf\u00E9 r\u00E9sum\u00E9", new[] { "naive", "cafe", "resume" })]
    public void Uncased_matches_known_cases(string text, string[] expected) =>
        Assert.Equal(expected, Words(Uncased, text));

    [Theory]
    [InlineData(" \tHeLLo!how  \n Are yoU?  ", new[] { "HeLLo", "!", "how", "Are", "yoU", "?" })]
    [InlineData("Ünïcödé", new[] { "Ünïcödé" })]
    [InlineData("我爱NLP", new[] { "我", "爱", "NLP" })]
    public void Cased_keeps_case_and_accents(string text, string[] expected) =>
        Assert.Equal(expected, Words(Cased, text));

    [Fact]
    public void Cjk_is_not_split_when_switched_off()
    {
        var p = new BertPreTokenizer(individuallyTokenizeCjk: false);
        Assert.Equal(new[] { "我爱nlp和bert" }, Words(p, "我爱NLP和BERT"));
    }

    [Fact]
    public void Matches_python_reference_on_fixture_cases()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TokenizerTestData.Fixture("basic_tokenization_cases.json")));
        var configs = new (string Key, BertPreTokenizer PreTokenizer)[]
        {
            ("lower1_strip1", new BertPreTokenizer(true, true, true)),
            ("lower1_strip0", new BertPreTokenizer(true, false, true)),
            ("lower0_strip1", new BertPreTokenizer(false, true, true)),
            ("lower0_strip0", new BertPreTokenizer(false, false, true)),
            ("no_cjk", new BertPreTokenizer(true, true, false)),
        };
        int checkedCases = 0;
        foreach (var item in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            string text = item.GetProperty("text").GetString()!;
            foreach (var (key, preTokenizer) in configs)
            {
                var expected = item.GetProperty(key).EnumerateArray().Select(e => e.GetString()!).ToArray();
                var actual = preTokenizer.PreTokenize(text);
                Assert.True(expected.SequenceEqual(actual.Select(w => w.Text)),
                    $"{key} on {JsonSerializer.Serialize(text)}: expected [{string.Join(" | ", expected)}], got [{string.Join(" | ", actual.Select(w => w.Text))}]");
                // Every word's range, normalised on its own, gives the word back.
                foreach (var word in actual)
                    Assert.Equal(word.Text, preTokenizer.Normalize(text[word.Offset]));
                checkedCases++;
            }
        }
        Assert.Equal(300 * configs.Length, checkedCases);
    }

    [Fact]
    public void Offsets_point_into_the_original_text_when_normalisation_changes_lengths()
    {
        // "U\u0308ber" is 5 UTF-16 units, normalised to 4; "\u00E9" stays 1 unit for 1 char;
        // "\u0130" lower-cases to "i\u0307" then loses the dot: 1 unit for 1 char.
        const string text = "U\u0308ber caf\u00E9, \u0130zmir\u200B!";
        var words = Uncased.PreTokenize(text);
        Assert.Equal(new[] { "uber", "cafe", ",", "izmir", "!" }, words.Select(w => w.Text));
        Assert.Equal(new[] { "U\u0308ber", "caf\u00E9", ",", "\u0130zmir\u200B", "!" }, words.Select(w => text[w.Offset]));
    }

    [Fact]
    public void Hangul_syllables_decompose_when_stripping_and_keep_their_offsets()
    {
        // NFD splits a syllable into jamo (letters, not marks), as BERT uncased does.
        var words = Uncased.PreTokenize("한국");
        Assert.Single(words);
        Assert.Equal("한국".Normalize(System.Text.NormalizationForm.FormD), words[0].Text);
        Assert.Equal(0..2, words[0].Offset);
        Assert.Equal(new[] { "한국" }, Words(Cased, "한국"));
    }

    [Fact]
    public void Normalize_joins_words_with_single_spaces()
    {
        Assert.Equal("hello , world ! 我 爱 you", Uncased.Normalize("  Hello,\tWORLD!我爱 you  "));
        Assert.Equal("", Uncased.Normalize(null));
        Assert.Equal("", Uncased.Normalize(" \t\u0000 "));
    }
}
