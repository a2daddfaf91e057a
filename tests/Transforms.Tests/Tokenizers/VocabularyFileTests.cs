// BERT's vocab.txt: one token per line, id = line number; CRLF files, a byte-order mark and a final
// line break load as BERT's own loader reads them; saving and loading gives the same tokenizer.
using System.Text;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class VocabularyFileTests
{
    private static MemoryStream Bytes(string text, bool bom = false) =>
        new((bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    [InlineData("\n", true)]
    public void Ids_are_line_numbers(string newline, bool bom)
    {
        // BERT's uncased vocabulary numbers [PAD]=0, [unused0..98], [UNK]=100, [CLS]=101, [SEP]=102, [MASK]=103.
        var lines = new List<string> { "[PAD]" };
        lines.AddRange(Enumerable.Range(0, 99).Select(i => $"[unused{i}]"));
        lines.AddRange(["[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "##s", "cat", "é"]);
        var t = WordPieceTokenizer.Create(Bytes(string.Join(newline, lines) + newline, bom));
        Assert.Equal(lines.Count, t.VocabularySize);
        Assert.Equal((0, 100, 101, 102, 103), (t.PaddingTokenId, t.UnknownTokenId, t.ClassificationTokenId, t.SeparatorTokenId, t.MaskingTokenId));
        Assert.Equal(new[] { 101, 104, 106, 105, 100, 102 }, t.EncodeToIds("The cats dog", addSpecialTokens: true));
        Assert.Equal(107, t.MapTokenToId("é"));
        Assert.Null(t.MapTokenToId("dog"));
    }

    [Fact]
    public void Last_line_without_a_line_break_and_empty_lines_keep_their_ids()
    {
        var t = WordPieceTokenizer.Create(Bytes("[PAD]\n[UNK]\n\n[CLS]\n[SEP]\n[MASK]\nlast"));
        Assert.Equal(7, t.VocabularySize);
        Assert.Equal("", t.MapIdToToken(2));
        Assert.Equal(3, t.ClassificationTokenId);
        Assert.Equal(6, t.MapTokenToId("last"));
    }

    [Fact]
    public void Duplicate_tokens_keep_both_ids_and_map_to_the_first()
    {
        var t = WordPieceTokenizer.Create(Bytes("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\ncat\ncat\n"));
        Assert.Equal(7, t.VocabularySize);
        Assert.Equal(5, t.MapTokenToId("cat"));
        Assert.Equal("cat", t.MapIdToToken(6));
    }

    [Fact]
    public void Missing_special_tokens_and_empty_files_are_clear_errors()
    {
        var e = Assert.Throws<ArgumentException>(() => WordPieceTokenizer.Create(Bytes("[PAD]\n[CLS]\n[SEP]\n[MASK]\ncat\n")));
        Assert.Contains("[UNK]", e.Message);
        Assert.Throws<InvalidDataException>(() => WordPieceTokenizer.Create(Bytes("")));
        Assert.Throws<FileNotFoundException>(() => WordPieceTokenizer.Create(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".txt")));
        Assert.Throws<ArgumentNullException>(() => WordPieceTokenizer.Create((Stream)null!));
    }

    [Fact]
    public void Save_then_load_gives_the_same_ids_and_encodings()
    {
        var trained = WordPieceTokenizer.Train(TrainerTests.SmallCorpus, new TokenizerTrainingOptions { VocabularySize = 80 });
        string path = Path.Combine(Path.GetTempPath(), $"vocab-{Guid.NewGuid()}.txt");
        try
        {
            trained.SaveVocabulary(path);
            var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
            Assert.Equal(trained.VocabularySize + 1, lines.Length); // final line break
            Assert.Equal("", lines[^1]);
            Assert.Equal(trained.Tokens, lines[..^1]);
            var loaded = WordPieceTokenizer.Create(path);
            Assert.Equal(trained.Tokens, loaded.Tokens);
            foreach (var text in TrainerTests.SmallCorpus)
                Assert.Equal(trained.EncodeToIds(text), loaded.EncodeToIds(text));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Tokens_with_line_breaks_cannot_be_written()
    {
        var t = WordPieceTokenizer.Create(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a\nb"]);
        Assert.Throws<InvalidOperationException>(() => t.SaveVocabulary(new MemoryStream()));
    }
}
