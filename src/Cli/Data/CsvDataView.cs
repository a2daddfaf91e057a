// A CSV file as an ML.NET IDataView of text columns, read strictly: ML.NET's TextLoader turns a value it
// cannot parse, or a field a short row lacks, into a missing value, silently; the command line must not
// train or score on data it misread, so this view stops at the first malformed row with
// an InvalidDataException naming the file, the line and the column. Malformed: a quoted value that is
// never closed or is followed by other characters (CsvRecordReader), or a row whose number of fields
// differs from the header's (a missing value, or an unquoted comma inside a text).
// Streaming: every cursor opens the file itself and holds one record at a time, so several cursors can
// run at once and a file of any size is never held in memory; the row count is therefore unknown (null)
// and the view cannot shuffle (ML.NET's TrainTestSplit and our trainer do not need either). Each record
// is checked as a whole, not only the active columns, so that whether a file is accepted never depends
// on which columns a caller reads.
namespace MlNetAttention.Cli.Data;

/// <summary>Columns of a CSV file (header row, RFC 4180) as text columns, under names the caller chooses.</summary>
internal sealed class CsvDataView : IDataView
{
    private readonly string _path;
    private readonly IReadOnlyList<string> _header;
    private readonly int[] _fields; // the file field each schema column reads

    /// <param name="path">The file's full path.</param>
    /// <param name="header">The header's column names (read by <see cref="CsvDataset.Open"/>).</param>
    /// <param name="columns">(name in the view, 0-based field index) of each column, in view order.</param>
    public CsvDataView(string path, IReadOnlyList<string> header, IReadOnlyList<(string Name, int Index)> columns)
    {
        _path = path;
        _header = header;
        var builder = new DataViewSchema.Builder();
        foreach (var (name, index) in columns)
        {
            if (index < 0 || index >= header.Count)
                throw new ArgumentOutOfRangeException(nameof(columns), index, $"Field {index} is not in the header of '{path}'.");
            builder.AddColumn(name, TextDataViewType.Instance);
        }
        Schema = builder.ToSchema();
        _fields = columns.Select(c => c.Index).ToArray();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            if (column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
                throw new ArgumentException($"Column '{column.Name}' is not a column of this view.", nameof(columnsNeeded));
            active[column.Index] = true;
        }
        return new Cursor(this, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>"File 'PATH', line L, column 'NAME' (field F): " — the start of every error about a value.</summary>
    private string Where(long line, int field) =>
        field < _header.Count
            ? $"File '{_path}', line {line}, column '{_header[field]}' (field {field + 1})"
            : $"File '{_path}', line {line}, field {field + 1} (the header has {_header.Count} columns)";

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly CsvDataView _parent;
        private readonly bool[] _active;
        private readonly CsvRecordReader _reader;
        private long _position = -1;
        private bool _ended;

        public Cursor(CsvDataView parent, bool[] active)
        {
            _parent = parent;
            _active = active;
            _reader = CsvRecordReader.Open(parent._path);
            try
            {
                _reader.ReadRecord(); // the header, read and checked by CsvDataset.Open
            }
            catch (CsvFormatException e)
            {
                _reader.Dispose();
                throw new InvalidDataException($"File '{parent._path}', line {e.Line} (header): {e.Message}.", e);
            }
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_ended) return false;
            bool read;
            try
            {
                read = _reader.ReadRecord();
            }
            catch (CsvFormatException e)
            {
                throw new InvalidDataException($"{_parent.Where(e.Line, e.FieldIndex)}: {e.Message}.", e);
            }
            if (!read)
            {
                _ended = true;
                return false;
            }
            CheckFieldCount();
            _position++;
            return true;
        }

        private void CheckFieldCount()
        {
            int count = _reader.FieldCount, expected = _parent._header.Count;
            if (count < expected)
                throw new InvalidDataException(
                    $"{_parent.Where(_reader.RecordLine, count)}: the value is missing (the row has {count} field(s), the header {expected}).");
            if (count > expected)
                throw new InvalidDataException(
                    $"{_parent.Where(_reader.FieldLine(expected), expected)}: the row has {count} fields but the header only {expected} " +
                    "(a value that contains a comma must be quoted).");
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index >= _active.Length || !_active[column.Index])
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            if (typeof(TValue) != typeof(ReadOnlyMemory<char>))
                throw new InvalidOperationException(
                    $"Column '{column.Name}' is Text (ReadOnlyMemory<char>); a getter of {typeof(TValue).Name} was asked for.");
            int field = _parent._fields[column.Index];
            ValueGetter<ReadOnlyMemory<char>> getter = (ref ReadOnlyMemory<char> value) =>
            {
                if (_position < 0) throw new InvalidOperationException("The cursor is not on a row (call MoveNext first).");
                value = _reader.Field(field);
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _reader.Dispose();
            base.Dispose(disposing);
        }
    }
}
