// The CSV writer against the command line's own strict RFC 4180 reader (CsvDataView): any fields
// written come back exactly (commas, quotes, CR, LF, leading and trailing spaces, empty fields,
// non-ASCII), checked on fixed cases and on generated ones.
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Cli.Data;
using MlNetAttention.Cli.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Data;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\ronly", "\"cr\ronly\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("", "")]
    [InlineData("ünïcødé 中文", "ünïcødé 中文")]
    public void Fields_are_quoted_only_when_needed(string field, string written)
    {
        Assert.Equal(written, CsvWriter.Format([field]));
    }

    [Fact]
    public void Records_written_are_read_back_exactly()
    {
        var character = Gen.Elements('a', 'Z', '0', ' ', ',', '"', '\r', '\n', '\t', 'é', '中', ';');
        var field = Gen.ArrayOf(character).Select(chars => new string(chars));
        var record = Gen.ArrayOf(field, 3);
        var table = Gen.NonEmptyListOf(record).Select(rows => rows.ToArray());
        using var folder = new TempDirectory();
        int run = 0;
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(20251122UL, 0x9E3779B97F4A7C15UL), Prop.ForAll(table.ToArbitrary(), rows =>
        {
            string path = folder.File($"t{run++}.csv");
            using (var stream = File.Create(path))
            using (var writer = new CsvWriter(stream))
            {
                writer.WriteRecord(["a", "b", "c"]);
                foreach (var row in rows) writer.WriteRecord(row);
            }
            var (header, read) = CsvReading.Read(path);
            return header.SequenceEqual(["a", "b", "c"]) && read.Count == rows.Length
                && read.Zip(rows).All(pair => pair.First.SequenceEqual(pair.Second));
        }));
    }

    [Fact]
    public void Output_is_utf8_without_a_byte_order_mark_and_records_end_with_crlf()
    {
        using var stream = new MemoryStream();
        using (var writer = new CsvWriter(stream)) writer.WriteRecord(["é", "x"]);
        Assert.Equal("é,x\r\n"u8.ToArray(), stream.ToArray());
    }
}
