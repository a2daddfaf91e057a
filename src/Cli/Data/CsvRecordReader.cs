// Splits a character stream into CSV records and fields, streaming: it holds one 64 KiB buffer and the
// current record, never the file. RFC 4180, strictly where ambiguity would lose data: a field that
// starts with '"' runs to the matching '"', may contain commas, line breaks and doubled quotes ("" = ");
// anything but a comma or a line end after its closing quote is an error (which value was meant is
// unclear), and so is a quote that is never closed. A quote inside an unquoted field is kept as a
// character (unambiguous, and common in real files). Lines end with LF, CRLF or CR; line numbers are
// 1-based physical lines, so an error inside a multi-line record still points at the right line.
// Blank lines between records are skipped. Every record becomes one string; its fields are slices of
// it (one allocation per row), so a field's memory stays valid after the next record is read.
using System.Buffers;

namespace MlNetAttention.Cli.Data;

/// <summary>A record could not be split. <see cref="FieldIndex"/> is 0-based.</summary>
internal sealed class CsvFormatException(long line, int fieldIndex, string message) : Exception(message)
{
    public long Line { get; } = line;
    public int FieldIndex { get; } = fieldIndex;
}

/// <summary>Reads comma-separated records from a TextReader.</summary>
internal sealed class CsvRecordReader : IDisposable
{
    public const char Separator = ',';
    private const int BufferSize = 1 << 16;
    private const char Quote = '"';
    private static readonly SearchValues<char> FieldEnds = SearchValues.Create([Separator, '\r', '\n']);
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create([Quote, '\r', '\n']);

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[BufferSize];
    private int _bufferLength;
    private int _bufferPosition;
    private bool _endOfInput;
    private long _line = 1;

    private char[] _record = new char[1024];
    private int _recordLength;
    private readonly List<(int Start, int Length, long Line)> _fields = [];
    private string _recordText = "";

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>Opens a UTF-8 file (a UTF-8 or UTF-16 byte-order mark is honoured and dropped).</summary>
    public static CsvRecordReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new CsvRecordReader(new StreamReader(stream, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16));
    }

    /// <summary>The physical line the current record starts on.</summary>
    public long RecordLine { get; private set; }

    public int FieldCount => _fields.Count;

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    public ReadOnlyMemory<char> Field(int index) => _recordText.AsMemory(_fields[index].Start, _fields[index].Length);

    /// <summary>The physical line field <paramref name="index"/> starts on.</summary>
    public long FieldLine(int index) => _fields[index].Line;

    /// <summary>Reads the next record; false at the end of the input.</summary>
    /// <exception cref="CsvFormatException">A quoted field is not terminated, or is followed by other characters.</exception>
    public bool ReadRecord()
    {
        _fields.Clear();
        _recordLength = 0;
        _recordText = "";
        if (!SkipBlankLines()) return false;
        RecordLine = _line;
        try
        {
            while (!ReadField()) { }
        }
        catch (CsvFormatException)
        {
            SkipRestOfLine(); // so that a caller that skips malformed rows resumes at the next line
            throw;
        }
        _recordText = new string(_record, 0, _recordLength);
        return true;
    }

    private bool SkipBlankLines()
    {
        while (EnsureData())
        {
            char c = _buffer[_bufferPosition];
            if (c == '\n') { _bufferPosition++; _line++; }
            else if (c == '\r') { _bufferPosition++; ConsumeLfAfterCr(); _line++; }
            else return true;
        }
        return false;
    }

    // Reads one field; returns true when the record ended after it (line break or end of input).
    private bool ReadField()
    {
        int start = _recordLength;
        long fieldLine = _line;
        if (EnsureData() && _buffer[_bufferPosition] == Quote)
        {
            _bufferPosition++;
            ReadQuotedContent(fieldLine);
            if (EnsureData() && _buffer[_bufferPosition] is not (Separator or '\r' or '\n'))
                throw new CsvFormatException(_line, _fields.Count,
                    $"unexpected character '{_buffer[_bufferPosition]}' after the closing quote of a quoted value " +
                    "(a quote inside a quoted value must be doubled: \"\")");
        }
        bool endOfRecord = ReadUntilFieldEnd();
        _fields.Add((start, _recordLength - start, fieldLine));
        return endOfRecord;
    }

    private void ReadQuotedContent(long fieldLine)
    {
        while (true)
        {
            if (!AppendUntilAny(QuotedStops, out char c))
                throw new CsvFormatException(fieldLine, _fields.Count,
                    $"unterminated quoted field (the quote opened on line {fieldLine} is never closed)");
            if (c == Quote)
            {
                if (EnsureData() && _buffer[_bufferPosition] == Quote)
                {
                    Append(Quote); // doubled quote
                    _bufferPosition++;
                    continue;
                }
                return; // closing quote
            }
            // A line break inside quotes is part of the value; keep CRLF as it is.
            Append(c);
            if (c == '\r' && EnsureData() && _buffer[_bufferPosition] == '\n')
            {
                Append('\n');
                _bufferPosition++;
            }
            _line++;
        }
    }

    // Appends characters up to a separator or line break and consumes it; true at the end of the record.
    private bool ReadUntilFieldEnd()
    {
        if (!AppendUntilAny(FieldEnds, out char c)) return true; // end of input
        if (c == '\n') { _line++; return true; }
        if (c == '\r') { ConsumeLfAfterCr(); _line++; return true; }
        return false; // separator
    }

    private void SkipRestOfLine()
    {
        while (EnsureData())
        {
            char c = _buffer[_bufferPosition++];
            if (c == '\n') { _line++; return; }
            if (c == '\r') { ConsumeLfAfterCr(); _line++; return; }
        }
    }

    // Appends input characters to the record up to the first of <stops>, across buffer refills, and
    // consumes that stop character; false when the input ends first (all of it appended).
    private bool AppendUntilAny(SearchValues<char> stops, out char stop)
    {
        while (EnsureData())
        {
            var span = _buffer.AsSpan(_bufferPosition, _bufferLength - _bufferPosition);
            int index = span.IndexOfAny(stops);
            if (index < 0)
            {
                Append(span);
                _bufferPosition = _bufferLength;
                continue;
            }
            Append(span[..index]);
            stop = span[index];
            _bufferPosition += index + 1;
            return true;
        }
        stop = default;
        return false;
    }

    private void ConsumeLfAfterCr()
    {
        if (EnsureData() && _buffer[_bufferPosition] == '\n') _bufferPosition++;
    }

    private bool EnsureData()
    {
        if (_bufferPosition < _bufferLength) return true;
        if (_endOfInput) return false;
        _bufferLength = _reader.Read(_buffer, 0, _buffer.Length);
        _bufferPosition = 0;
        if (_bufferLength > 0) return true;
        _endOfInput = true;
        return false;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_recordLength + chars.Length > _record.Length)
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + chars.Length));
        chars.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += chars.Length;
    }

    private void Append(char c)
    {
        if (_recordLength == _record.Length) Array.Resize(ref _record, _record.Length * 2);
        _record[_recordLength++] = c;
    }

    public void Dispose() => _reader.Dispose();
}
