// Writes CSV the way the loader reads it (RFC 4180): comma separator, CRLF record ends, a field quoted
// when it holds a comma, a double quote, a CR or an LF (or starts or ends with a space, so trimming
// readers keep it intact), inner quotes doubled. UTF-8 without a byte-order mark. Numbers are the
// caller's to format, with the invariant culture.
using System.Buffers;
using System.Text;

namespace MlNetAttention.Cli.Data;

/// <summary>An RFC 4180 CSV writer over a stream (left open).</summary>
internal sealed class CsvWriter : IDisposable
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter _writer;

    public CsvWriter(Stream stream) =>
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);

    /// <summary>Writes one record: the fields, separated by commas, then CRLF.</summary>
    public void WriteRecord(IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) _writer.Write(',');
            WriteField(_writer, fields[i]);
        }
        _writer.Write("\r\n");
    }

    /// <summary>Writes <paramref name="field"/>, quoted when RFC 4180 requires it.</summary>
    public static void WriteField(TextWriter writer, string field)
    {
        bool quote = field.AsSpan().ContainsAny(NeedsQuoting)
                     || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '));
        if (!quote)
        {
            writer.Write(field);
            return;
        }
        writer.Write('"');
        writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>The record as one CSV line (without the line end), for tests and messages.</summary>
    public static string Format(IReadOnlyList<string> fields)
    {
        var text = new StringWriter();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Write(',');
            WriteField(text, fields[i]);
        }
        return text.ToString();
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
