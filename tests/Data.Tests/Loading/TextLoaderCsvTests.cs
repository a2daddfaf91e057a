// The loader over tricky but valid CSV: quoting (separators, doubled quotes, line breaks inside
// quotes), Unicode (accents, CJK, emoji surrogate pairs), empty fields, CRLF / LF / CR line ends,
// a UTF-8 byte-order mark, blank lines, whitespace trimming, and ML.NET's TSV defaults.
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Loading;

public sealed class TextLoaderCsvTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    private static readonly TextLoader.Column[] LabelText =
    [
        new("Label", DataKind.String, 0),
        new("Text", DataKind.String, 1),
    ];

    private IDataView LoadCsv(string content, bool trim = false) =>
        _ml.Data.LoadFromTextFile(_temp.WriteText("data.csv", content), LabelText, separatorChar: ',', hasHeader: true,
            allowQuoting: true, trimWhitespace: trim);

    private static List<(string Label, string Text)> Rows(IDataView data)
    {
        var labels = DataViewValues.ReadColumn(data, "Label");
        var texts = DataViewValues.ReadColumn(data, "Text");
        return labels.Zip(texts, (l, t) => ((string)l!, (string)t!)).ToList();
    }

    [Fact]
    public void QuotedFieldsKeepSeparatorsDoubledQuotesAndLineBreaks()
    {
        string csv = "label,text\r\n" +
                     "pos,\"He said \"\"hi\"\", then left\"\r\n" +
                     "neg,\"line1\nline2\r\nline3\"\r\n" +
                     "mixed,\"a, b, and c\"\r\n" +
                     "\"quoted label\",plain\r\n";
        Assert.Equal(
        [
            ("pos", "He said \"hi\", then left"),
            ("neg", "line1\nline2\r\nline3"),
            ("mixed", "a, b, and c"),
            ("quoted label", "plain"),
        ], Rows(LoadCsv(csv)));
    }

    [Fact]
    public void UnicodeTextSurvivesIncludingCjkAndEmoji()
    {
        string csv = "label,text\n" +
                     "ja,日本語のテキストです\n" +
                     "zh,\"这个商品很好，推荐购买！\"\n" +
                     "emoji,Great 🎉👍🏽 family 👨‍👩‍👧\n" +
                     "fr,crème brûlée à la française\n";
        var rows = Rows(LoadCsv(csv));
        Assert.Equal("日本語のテキストです", rows[0].Text);
        Assert.Equal("这个商品很好，推荐购买！", rows[1].Text);
        Assert.Equal("Great 🎉👍🏽 family 👨‍👩‍👧", rows[2].Text);
        Assert.Equal("crème brûlée à la française", rows[3].Text);
    }

    [Fact]
    public void Utf8ByteOrderMarkIsDroppedFromTheFirstField()
    {
        string path = _temp.File("bom.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("label,text\nA,x\n")]);
        // With hasHeader: false the first field of the first row would carry the BOM if it were kept.
        var data = _ml.Data.LoadFromTextFile(path, LabelText, separatorChar: ',', allowQuoting: true);
        Assert.Equal(["label", "A"], DataViewValues.ReadColumn(data, "Label"));
    }

    [Fact]
    public void EmptyFieldsLoadAsEmptyText()
    {
        string csv = "label,text\nA,\n,only text\n\"\",\"\"\n";
        Assert.Equal([("A", ""), ("", "only text"), ("", "")], Rows(LoadCsv(csv)));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void EveryLineEndingStyleSplitsRows(string newline)
    {
        string csv = $"label,text{newline}A,one{newline}B,\"two{newline}lines\"{newline}C,three";
        Assert.Equal([("A", "one"), ("B", $"two{newline}lines"), ("C", "three")], Rows(LoadCsv(csv)));
    }

    [Fact]
    public void BlankLinesBetweenRowsAreSkipped()
    {
        Assert.Equal([("A", "one"), ("B", "two")], Rows(LoadCsv("label,text\n\nA,one\r\n\r\n\nB,two\n\n")));
    }

    [Fact]
    public void TrimWhitespaceRemovesSpacesAroundPlainAndQuotedFields()
    {
        var rows = Rows(LoadCsv("label,text\n  A  ,  one two  \nB ,  \" spaced inside \"  \n", trim: true));
        Assert.Equal([("A", "one two"), ("B", " spaced inside ")], rows);
        var untrimmed = Rows(LoadCsv("label,text\n  A  ,  one  \n"));
        Assert.Equal([("  A  ", "  one  ")], untrimmed);
    }

    [Fact]
    public void WithoutAllowQuotingQuotesAreOrdinaryCharacters()
    {
        string path = _temp.WriteText("raw.csv", "A,\"x\"\nB,say \"\"hi\"\"\n");
        var data = _ml.Data.LoadFromTextFile(path, LabelText, separatorChar: ',');
        Assert.Equal(["\"x\"", "say \"\"hi\"\""], DataViewValues.ReadColumn(data, "Text"));
    }

    [Fact]
    public void DefaultsFollowMlNetTabSeparatedNoHeader()
    {
        string path = _temp.WriteText("data.tsv", "A\tfirst, with comma\nB\tsecond\n");
        var data = _ml.Data.LoadFromTextFile(path, LabelText);
        Assert.Equal(["first, with comma", "second"], DataViewValues.ReadColumn(data, "Text"));
        Assert.Null(data.GetRowCount());
        Assert.False(data.CanShuffle);
    }

    [Fact]
    public void ExtraFieldsAreIgnoredAndColumnsMayReadAnyField()
    {
        string path = _temp.WriteText("wide.csv", "id,text,label,extra\n1,hello,A,zzz\n");
        var data = _ml.Data.LoadFromTextFile(path, [new("Label", DataKind.String, 2), new("Text", DataKind.String, 1)],
            separatorChar: ',', hasHeader: true);
        Assert.Equal(["A"], DataViewValues.ReadColumn(data, "Label"));
        Assert.Equal(["hello"], DataViewValues.ReadColumn(data, "Text"));
    }

    [Fact]
    public void EachCursorRereadsTheFileIndependently()
    {
        var data = LoadCsv("label,text\nA,1\nB,2\nC,3\n");
        using var first = data.GetRowCursor(data.Schema);
        using var second = data.GetRowCursor(data.Schema);
        var a = first.GetGetter<ReadOnlyMemory<char>>(data.Schema["Label"]);
        var b = second.GetGetter<ReadOnlyMemory<char>>(data.Schema["Label"]);
        ReadOnlyMemory<char> x = default, y = default;
        Assert.True(first.MoveNext() && first.MoveNext());
        Assert.True(second.MoveNext());
        a(ref x);
        b(ref y);
        Assert.Equal(("B", "A"), (x.ToString(), y.ToString()));
        Assert.Equal((1L, 0L), (first.Position, second.Position));
    }

    [Fact]
    public void ReadHeaderReturnsTheQuotedColumnNames()
    {
        string path = _temp.WriteText("h.csv", "\"the, label\",text\nA,b\n");
        Assert.Equal(["the, label", "text"], TextLoader.ReadHeader(path));
    }

    [Fact]
    public void MissingFileIsAFileNotFoundException()
    {
        var error = Assert.Throws<FileNotFoundException>(() => _ml.Data.LoadFromTextFile(_temp.File("nope.csv"), LabelText));
        Assert.Contains("nope.csv", error.Message);
    }
}
