// Splits a character stream into records and fields, streaming: it holds one 64 KiB buffer and the
// current record, never the file. Quoting follows RFC 4180 when enabled: a field that starts with
// '"' runs to the matching '"', may contain separators, line breaks and doubled quotes ("" = ").
// Characters after a closing quote are kept as they are (lenient, like Python's csv module).
// Lines end with LF, CRLF or CR; line numbers are 1-based physical lines, so an error inside a
// multi-line record still points at the right line. Blank lines between records are skipped.
// Every record becomes one string; its fields are slices of it (one allocation per row).
using System.Buffers;

namespace MlNetAttention.Data;

/// <summary>A record could not be split: an unterminated quoted field.</summary>
internal sealed class CsvFormatException(long line, int fieldIndex, string message) : Exception(message)
{
    public long Line { get; } = line;
    public int FieldIndex { get; } = fieldIndex;
}

/// <summary>Reads delimited records from a TextReader.</summary>
internal sealed class CsvRecordReader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const char Quote = '"';

    private readonly TextReader _reader;
    private readonly SearchValues<char> _fieldEnds;   // separators, CR, LF
    private readonly SearchValues<char> _quotedStops; // quote, CR, LF
    private readonly HashSet<char> _separators;
    private readonly bool _allowQuoting;
    private readonly bool _trimWhitespace;

    private readonly char[] _buffer = new char[BufferSize];
    private int _bufferLength;
    private int _bufferPosition;
    private bool _endOfInput;
    private long _line = 1;

    private char[] _record = new char[1024];
    private int _recordLength;
    private readonly List<(int Start, int Length, long Line)> _fields = [];
    private string _recordText = "";

    public CsvRecordReader(TextReader reader, char[] separators, bool allowQuoting, bool trimWhitespace)
    {
        _reader = reader;
        _separators = [.. separators];
        _fieldEnds = SearchValues.Create([.. separators, '\r', '\n']);
        _quotedStops = SearchValues.Create([Quote, '\r', '\n']);
        _allowQuoting = allowQuoting;
        _trimWhitespace = trimWhitespace;
    }

    /// <summary>The physical line the current record starts on.</summary>
    public long RecordLine { get; private set; }

    public int FieldCount => _fields.Count;

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    public ReadOnlyMemory<char> Field(int index) =>
        _recordText.AsMemory(_fields[index].Start, _fields[index].Length);

    /// <summary>The physical line field <paramref name="index"/> starts on.</summary>
    public long FieldLine(int index) => _fields[index].Line;

    /// <summary>Reads the next record; false at the end of the input.</summary>
    /// <exception cref="CsvFormatException">A quoted field is not terminated (the rest of the input is consumed).</exception>
    public bool ReadRecord()
    {
        _fields.Clear();
        _recordLength = 0;
        _recordText = "";
        if (!SkipBlankLines()) return false;
        RecordLine = _line;
        while (!ReadField()) { }
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
        if (_trimWhitespace) SkipSpaces();
        if (_allowQuoting && EnsureData() && _buffer[_bufferPosition] == Quote)
        {
            _bufferPosition++;
            ReadQuotedContent(fieldLine);
        }
        int unquotedFrom = _recordLength;
        bool endOfRecord = ReadUntilFieldEnd();
        if (_trimWhitespace)
        {
            // Trim what followed the closing quote (usually spaces), or the whole unquoted field.
            int end = _recordLength;
            while (end > unquotedFrom && IsTrimmable(_record[end - 1])) end--;
            _recordLength = end;
        }
        _fields.Add((start, _recordLength - start, fieldLine));
        return endOfRecord;
    }

    private void ReadQuotedContent(long fieldLine)
    {
        while (true)
        {
            if (!AppendUntilAny(_quotedStops, out char c))
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
        if (!AppendUntilAny(_fieldEnds, out char c)) return true; // end of input
        if (c == '\n') { _line++; return true; }
        if (c == '\r') { ConsumeLfAfterCr(); _line++; return true; }
        return false; // separator
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

    private void SkipSpaces()
    {
        while (EnsureData() && IsTrimmable(_buffer[_bufferPosition])) _bufferPosition++;
    }

    private bool IsTrimmable(char c) => (c == ' ' || c == '\t') && !_separators.Contains(c);

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
