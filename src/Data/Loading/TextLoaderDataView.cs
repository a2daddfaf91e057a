// The IDataView of a text file. Every cursor opens the file itself and reads it record by record
// (buffered, bounded memory), so several cursors can run at once and a 1 GB file is never held in
// memory; GetRowCount is therefore unknown (null) and the view cannot shuffle. Each record is
// checked as a whole (all columns, not only the active ones) so that which rows are malformed, and
// so which rows are skipped, never depends on the columns a caller asks for.
using System.Text;
using MlNetAttention.Runtime;

namespace MlNetAttention.Data;

internal sealed class TextLoaderDataView : IDataView
{
    private const int DetailedSkipReports = 5;

    private readonly MLContext _context;
    private readonly TextLoader.Options _options;
    private readonly int[][] _sources;
    private readonly string _path;
    private readonly int _fieldsNeeded;

    public TextLoaderDataView(MLContext context, TextLoader.Options options, DataViewSchema schema, int[][] sources, string path)
    {
        _context = context;
        _options = options;
        Schema = schema;
        _sources = sources;
        _path = path;
        _fieldsNeeded = sources.Max(s => s.Max()) + 1;
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    /// <summary>Opens a UTF-8 text file (a UTF-8 or UTF-16 byte-order mark is honoured and dropped).</summary>
    internal static StreamReader OpenText(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    private sealed class Cursor : RowCursorBase
    {
        private readonly TextLoaderDataView _parent;
        private readonly CsvRecordReader _reader;
        private readonly LoadedColumn[] _columns;
        private long _skipped;
        private bool _reported;

        public Cursor(TextLoaderDataView parent, IEnumerable<DataViewSchema.Column> columnsNeeded)
            : base(parent.Schema, columnsNeeded)
        {
            _parent = parent;
            var options = parent._options;
            _reader = new CsvRecordReader(OpenText(parent._path), options.Separators, options.AllowQuoting, options.TrimWhitespace);
            _columns = parent.Schema.Select(c => LoadedColumn.Create(c.Type, parent._sources[c.Index])).ToArray();
            if (options.HasHeader) ReadHeader();
        }

        private void ReadHeader()
        {
            try
            {
                _reader.ReadRecord();
            }
            catch (CsvFormatException e)
            {
                throw new InvalidDataException($"File '{_parent._path}', line {e.Line} (header): {e.Message}.", e);
            }
        }

        protected override bool MoveNextCore()
        {
            while (true)
            {
                string? error;
                try
                {
                    if (!_reader.ReadRecord())
                    {
                        ReportSkipped(atEnd: true);
                        return false;
                    }
                    error = CheckAndParse();
                }
                catch (CsvFormatException e)
                {
                    error = $"File '{_parent._path}', line {e.Line}{DescribeField(e.FieldIndex)}: {e.Message}.";
                }
                if (error is null) return true;
                if (!_parent._options.SkipMalformedRows) throw new InvalidDataException(error);
                _skipped++;
                if (_skipped <= DetailedSkipReports) _parent._context.WriteLog(nameof(TextLoader), ChannelMessageKind.Warning, $"Skipped a malformed row: {error}");
            }
        }

        // Returns null when the record parses, else the full error message.
        private string? CheckAndParse()
        {
            if (_reader.FieldCount < _parent._fieldsNeeded)
            {
                var missing = Schema.First(c => _parent._sources[c.Index].Any(s => s >= _reader.FieldCount));
                return $"File '{_parent._path}', line {_reader.RecordLine}: the row has {_reader.FieldCount} field(s), " +
                    $"but column '{missing.Name}' (index {missing.Index}) reads field {_parent._sources[missing.Index].First(s => s >= _reader.FieldCount)} " +
                    $"(expected at least {_parent._fieldsNeeded} fields).";
            }
            for (int i = 0; i < _columns.Length; i++)
            {
                string? reason = _columns[i].Parse(_reader, out int field);
                if (reason is not null)
                {
                    return $"File '{_parent._path}', line {_reader.FieldLine(field)}, column '{Schema[i].Name}' (index {i}, field {field}): " +
                        $"value '{Shorten(_reader.Field(field).Span)}' {reason}.";
                }
            }
            return null;
        }

        private string DescribeField(int field)
        {
            var column = Schema.FirstOrDefault(c => _parent._sources[c.Index].Contains(field), default);
            return column.Name is null ? $", field {field}" : $", column '{column.Name}' (index {column.Index}, field {field})";
        }

        private static string Shorten(ReadOnlySpan<char> value) =>
            value.Length <= 60 ? value.ToString() : string.Concat(value[..57], "...");

        private void ReportSkipped(bool atEnd)
        {
            if (_reported || _skipped == 0) return;
            _reported = true;
            _parent._context.WriteLog(nameof(TextLoader), ChannelMessageKind.Warning,
                $"Skipped {_skipped} malformed row(s) of '{_parent._path}'{(atEnd ? "" : " in the part read")}.");
        }

        protected override Delegate MakeGetter(int columnIndex) => _columns[columnIndex].MakeGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                ReportSkipped(atEnd: false);
                _reader.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
