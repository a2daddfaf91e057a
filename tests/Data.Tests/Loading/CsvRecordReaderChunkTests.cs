// CsvRecordReader where its input arrives in small pieces: a reader that hands out at most N
// characters per Read puts every buffer refill in the middle of fields, quoted fields, doubled
// quotes and CRLF pairs, which files smaller than the 64 KiB buffer never do. Whatever the piece
// size, the records and fields must be exactly those written, and an unterminated quote must be
// reported on the line where it opened.
using MlNetAttention.Data.Tests.Support;

namespace MlNetAttention.Data.Tests.Loading;

public sealed class CsvRecordReaderChunkTests
{
    private static readonly string[] Pieces = ["a", "Z", "0", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\t", "é", "日", "🎉", ""];

    /// <summary>A TextReader that returns at most <c>chunk</c> characters per Read.</summary>
    private sealed class ChunkedReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }

    private static string[][] RandomRows(int seed, int count)
    {
        var random = new Random(seed);
        string Text() => string.Concat(Enumerable.Range(0, random.Next(6)).Select(_ => Pieces[random.Next(Pieces.Length)]));
        return Enumerable.Range(0, count).Select(_ => new[] { Text(), Text(), Text() }).ToArray();
    }

    private static List<string[]> ReadAll(string csv, int chunk)
    {
        using var reader = new CsvRecordReader(new ChunkedReader(csv, chunk), [','], allowQuoting: true, trimWhitespace: false);
        var records = new List<string[]>();
        while (reader.ReadRecord())
            records.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray());
        return records;
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void EveryPieceSizeGivesTheWrittenFields(string newline)
    {
        var rows = RandomRows(seed: 7, count: 200);
        string csv = CsvText.Write(rows, newline, quoteAll: false);
        foreach (int chunk in new[] { 1, 2, 3, 5, 8, 13, int.MaxValue })
        {
            var read = ReadAll(csv, chunk);
            Assert.Equal(rows.Length, read.Count);
            for (int r = 0; r < rows.Length; r++) Assert.True(rows[r].SequenceEqual(read[r]), $"piece size {chunk}, row {r}");
        }
    }

    [Fact]
    public void AnUnterminatedQuoteSplitAcrossPiecesNamesTheLineItOpenedOn()
    {
        string csv = "a,b\n\"x\ny,\"\"z\nlast";
        foreach (int chunk in new[] { 1, 2, 3, int.MaxValue })
        {
            var error = Assert.Throws<CsvFormatException>(() => ReadAll(csv, chunk));
            Assert.Equal(2, error.Line);
            Assert.Equal(0, error.FieldIndex);
        }
    }
}
