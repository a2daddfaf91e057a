// The strict CSV view the command line reads every file through: RFC 4180 values come back exactly
// (quoted commas, doubled quotes, line breaks inside quotes, any line-end style, a byte-order mark,
// blank lines between rows), and it behaves as an ML.NET IDataView should (Text columns under the
// caller's names, getters of the wrong type refused, independent cursors, row ids, ML.NET's own
// operations on top of it).
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Cli.Data;
using MlNetAttention.Cli.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Data;

public sealed class CsvDataViewTests
{
    [Fact]
    public void Values_come_back_exactly_whatever_the_line_ends_and_quoting()
    {
        using var folder = new TempDirectory();
        string path = folder.File("data.csv");
        File.WriteAllText(path, "label,text\r\nA,\"one, two\"\n\nB,\"say \"\"hi\"\"\"\rC,\"multi\r\nline\"\r\nD,a \"quote\" inside\r\nE,\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var (header, rows) = CsvReading.Read(path);

        Assert.Equal(["label", "text"], header); // the byte-order mark is not part of the first name
        string[][] expected = [["A", "one, two"], ["B", "say \"hi\""], ["C", "multi\r\nline"], ["D", "a \"quote\" inside"], ["E", ""]];
        Assert.Equal(expected, rows.ToArray());
    }

    [Fact]
    public void Columns_are_Text_under_the_names_given_and_getters_check_the_type()
    {
        using var folder = new TempDirectory();
        string path = folder.WriteText("data.csv", "label,text\r\nA,x\r\nB,y\r\n");
        var data = CsvDataset.Open(path, "--dataset").Load([("Sentence", 1), ("Tag", 0)]);

        Assert.Equal(["Sentence", "Tag"], data.Schema.Select(c => c.Name));
        Assert.All(data.Schema, c => Assert.Equal(TextDataViewType.Instance, c.Type));
        using var cursor = data.GetRowCursor([data.Schema["Tag"]]);
        Assert.True(cursor.IsColumnActive(data.Schema["Tag"]));
        Assert.False(cursor.IsColumnActive(data.Schema["Sentence"]));
        var error = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(data.Schema["Tag"]));
        Assert.Contains("'Tag' is Text", error.Message);
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Sentence"])); // not active

        var tag = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Tag"]);
        var id = cursor.GetIdGetter();
        var seen = new List<(string, DataViewRowId)>();
        ReadOnlyMemory<char> value = default;
        DataViewRowId rowId = default;
        while (cursor.MoveNext())
        {
            tag(ref value);
            id(ref rowId);
            seen.Add((value.ToString(), rowId));
        }
        Assert.Equal([("A", new DataViewRowId(0, 0)), ("B", new DataViewRowId(1, 0))], seen);
    }

    [Fact]
    public void MlNet_operations_run_on_it_and_two_cursors_read_independently()
    {
        using var folder = new TempDirectory();
        var lines = Enumerable.Range(0, 200).Select(i => $"{(i % 2 == 0 ? "even" : "odd")},text {i}");
        string path = folder.WriteText("data.csv", "label,text\r\n" + string.Join("\r\n", lines) + "\r\n");
        var data = CsvDataset.Open(path, "--dataset").LoadAll();
        var mlContext = new MLContext(seed: 1);

        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);
        long train = split.TrainSet.GetColumn<ReadOnlyMemory<char>>("text").Count();
        long test = split.TestSet.GetColumn<ReadOnlyMemory<char>>("text").Count();
        Assert.Equal(200, train + test);
        Assert.InRange(test, 30, 70);

        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label", "label").Fit(data).Transform(data);
        Assert.Equal(2UL, ((KeyDataViewType)keyed.Schema["Label"].Type).Count);

        using var first = data.GetRowCursor(data.Schema);
        using var second = data.GetRowCursor(data.Schema);
        var firstText = first.GetGetter<ReadOnlyMemory<char>>(data.Schema["text"]);
        var secondText = second.GetGetter<ReadOnlyMemory<char>>(data.Schema["text"]);
        ReadOnlyMemory<char> a = default, b = default;
        first.MoveNext();
        first.MoveNext();
        second.MoveNext();
        firstText(ref a);
        secondText(ref b);
        Assert.Equal("text 1", a.ToString());
        Assert.Equal("text 0", b.ToString());
    }
}
