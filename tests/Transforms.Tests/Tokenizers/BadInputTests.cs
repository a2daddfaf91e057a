// Bad input: null is empty, empty gives no tokens, a 10 MB string without spaces is handled in
// bounded time and memory (one [UNK], or stops early when only the first tokens are wanted), and
// lone surrogates are dropped like BERT drops category-C characters, never thrown on.
using System.Diagnostics;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class BadInputTests
{
    private static readonly WordPieceTokenizer Tokenizer = WordPieceEncodingTests.Small();

    /// <summary>Touches the one-time tables (character classes, normalisation cache) so that the
    /// allocation checks below measure encoding itself.</summary>
    private static void WarmUp() => Tokenizer.EncodeToIds("a \u00E9 中 ! \U0001F600", new int[16], out _);

    [Fact]
    public void Null_is_empty_and_empty_gives_no_tokens()
    {
        Assert.Empty(Tokenizer.EncodeToIds(null));
        Assert.Empty(Tokenizer.EncodeToTokens(null));
        Assert.Equal(0, Tokenizer.CountTokens((string?)null));
        Assert.Empty(Tokenizer.PreTokenizer.PreTokenize(null));
        Assert.Equal(new[] { 2, 3 }, Tokenizer.EncodeToIds(null, addSpecialTokens: true));
        foreach (var empty in new[] { "", " ", "\t\n\r ", "\u0000\u200B\uFFFD", "\u0301" })
        {
            Assert.Empty(Tokenizer.EncodeToIds(empty));
            Assert.Equal(0, Tokenizer.EncodeToIds(empty, new int[4], out int consumed));
            Assert.Equal(empty.Length, consumed);
        }
    }

    [Fact]
    public void Ten_megabytes_without_spaces_is_one_unknown_word_in_bounded_time_and_memory()
    {
        string huge = new('a', 10 * 1024 * 1024);
        var ids = new int[8];
        var offsets = new Range[8];
        WarmUp();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        int n = Tokenizer.EncodeToIds(huge, ids, offsets, out int consumed);
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(1, n);
        Assert.Equal(Tokenizer.UnknownTokenId, ids[0]);
        Assert.Equal(0..huge.Length, offsets[0]);
        Assert.Equal(huge.Length, consumed);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
        // Linear work took 45-63 ms (three runs, 2-core machine under load); a quadratic walk would take hours.
        // The bound is generous for a loaded CI.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Ten_megabytes_of_ideographs_or_punctuation_stop_when_the_destination_is_full()
    {
        foreach (char c in new[] { '中', '!' })
        {
            string huge = new(c, 10 * 1024 * 1024);
            var ids = new int[512];
            WarmUp();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            int n = Tokenizer.EncodeToIds(huge, ids, out int consumed);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 64 * 1024);
            Assert.Equal(512, n);
            Assert.Equal(512, consumed);
            // Counting walks the whole text without storing anything.
            Assert.Equal(huge.Length, Tokenizer.CountTokens(huge));
        }
    }

    [Fact]
    public void Lone_surrogates_are_dropped_not_thrown_on()
    {
        const string text = "\uD800low\uDC00est \uDBFF! wa\uD83D";
        var tokens = Tokenizer.EncodeToTokens(text);
        Assert.Equal(new[] { "lowest", "!", "wa" }, tokens.Select(t => t.Value));
        Assert.Equal(new[] { 1..8, 10..11, 12..15 }, tokens.Select(t => t.Offset));
        Assert.Equal("lowest ! wa", Tokenizer.Decode(tokens.Select(t => t.Id)));
        Assert.Equal(new[] { "lowest", "!", "wa" }, Tokenizer.PreTokenizer.PreTokenize(text).Select(w => w.Text));
        // A reversed pair is two lone surrogates, and a valid pair is kept as one character.
        Assert.Equal(new[] { "ab" }, Tokenizer.PreTokenizer.PreTokenize("a\uDE00\uD83Db").Select(w => w.Text));
        Assert.Equal(new[] { "a\U0001F600b" }, Tokenizer.PreTokenizer.PreTokenize("a\uD83D\uDE00b").Select(w => w.Text));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("offsets", Assert.Throws<ArgumentException>(() => Tokenizer.EncodeToIds("low", new int[4], new Range[2], out _)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => Tokenizer.EncodePairToIds("a", "b", new int[2], new int[2])).ParamName);
        Assert.Equal("segmentIds", Assert.Throws<ArgumentException>(() => Tokenizer.EncodePairToIds("a", "b", new int[4], new int[3])).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.MapIdToToken(-1)).ParamName);
        Assert.Throws<ArgumentNullException>(() => Tokenizer.Decode(null!));
    }
}
