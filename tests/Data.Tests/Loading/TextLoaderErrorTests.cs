// Malformed rows: every error names the file, the 1-based physical line (multi-line quoted records
// included) and the column with the offending value; with SkipMalformedRows the bad rows are
// skipped and counted through MLContext.Log.
using MlNetAttention.Runtime;
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Loading;

public sealed class TextLoaderErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    private static readonly TextLoader.Column[] Columns =
    [
        new("Label", DataKind.String, 0),
        new("Text", DataKind.String, 1),
        new("Score", DataKind.Single, 2),
    ];

    private IDataView Load(string content, bool skip = false) =>
        _ml.Data.LoadFromTextFile(_temp.WriteText("bad.csv", content), new TextLoader.Options
        {
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            SkipMalformedRows = skip,
            Columns = Columns,
        });

    private static InvalidDataException ReadFails(IDataView data) =>
        Assert.Throws<InvalidDataException>(() => DataViewValues.ReadAll(data));

    [Fact]
    public void TooFewFieldsNamesLineAndMissingColumn()
    {
        var error = ReadFails(Load("label,text,score\nA,ok,1\nB,no score\n"));
        Assert.Contains("bad.csv", error.Message);
        Assert.Contains("line 3", error.Message);
        Assert.Contains("column 'Score'", error.Message);
        Assert.Contains("2 field(s)", error.Message);
    }

    [Fact]
    public void UnparsableValueNamesLineColumnAndValue()
    {
        // The first record spans lines 2-4, so the bad value sits on physical line 5.
        var error = ReadFails(Load("label,text,score\nA,\"one\ntwo\nthree\",1\nB,fine,abc\n"));
        Assert.Contains("line 5", error.Message);
        Assert.Contains("column 'Score' (index 2, field 2)", error.Message);
        Assert.Contains("'abc'", error.Message);
        Assert.Contains("Single", error.Message);
    }

    [Fact]
    public void UnterminatedQuoteNamesTheLineItOpensOn()
    {
        var error = ReadFails(Load("label,text,score\nA,ok,1\nB,\"never closed,2\nC,more,3\n"));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("column 'Text'", error.Message);
        Assert.Contains("unterminated quoted field", error.Message);
    }

    [Fact]
    public void KeyOutOfRangeIsAnError()
    {
        string path = _temp.WriteText("k.tsv", "1\n5\n");
        var data = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("K", DataKind.UInt32, [new TextLoader.Range(0)], new KeyCount(3))]);
        var error = ReadFails(data);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("outside the key range 0..2", error.Message);
    }

    [Fact]
    public void SkipMalformedRowsKeepsGoodRowsAndLogsTheCount()
    {
        var messages = new List<LoggingEventArgs>();
        _ml.Log += (_, e) => messages.Add(e);
        var data = Load("label,text,score\nA,ok,1\nB,no score\nC,fine,abc\nD,good,4\n", skip: true);

        Assert.Equal(["A", "D"], DataViewValues.ReadColumn(data, "Label"));
        var summary = Assert.Single(messages, m => m.RawMessage.StartsWith("Skipped 2 malformed", StringComparison.Ordinal));
        Assert.Equal(ChannelMessageKind.Warning, summary.Kind);
        Assert.Equal("TextLoader", summary.Source);
        Assert.Contains(messages, m => m.RawMessage.Contains("line 3") && m.RawMessage.Contains("column 'Score'"));
        Assert.Contains(messages, m => m.RawMessage.Contains("line 4") && m.RawMessage.Contains("'abc'"));
    }

    [Fact]
    public void WhichRowsAreSkippedDoesNotDependOnTheColumnsRead()
    {
        var data = Load("label,text,score\nA,ok,1\nB,fine,abc\nC,x,3\n", skip: true);
        // Reading only Label must still skip row B, whose Score is bad.
        Assert.Equal(["A", "C"], DataViewValues.ReadColumn(data, "Label"));
    }
}
