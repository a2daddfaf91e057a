// A transformer that produces its own IDataView and reads its input ahead in batches, the way a
// scoring transformer runs a model on many rows at once: it proves RowCursorBase and
// RowBatchBuffer are enough for a component outside the Data assembly. It adds "Length" (the
// text's length) computed per batch, and serves the input's columns from the buffered copies.
namespace MlNetAttention.Data.Tests.Support;

public sealed class BatchedLengthTransformer(string inputColumnName, int batchSize) : ITransformer
{
    public string InputColumnName { get; } = inputColumnName;
    public int BatchSize { get; } = batchSize;

    public int BatchesComputed { get; private set; }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var input = SchemaErrors.FindColumn(inputSchema, InputColumnName, nameof(BatchedLengthTransformer));
        if (input.Type is not TextDataViewType) throw SchemaErrors.WrongType(input.Name, input.Type, "Text");
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema.AsEnumerable());
        builder.AddColumn("Length", NumberDataViewType.Int32);
        return builder.ToSchema();
    }

    public IDataView Transform(IDataView input) => new View(this, input, GetOutputSchema(input.Schema));

    private sealed class View(BatchedLengthTransformer parent, IDataView input, DataViewSchema schema) : IDataView
    {
        public DataViewSchema Schema => schema;
        public bool CanShuffle => input.CanShuffle;
        public long? GetRowCount() => input.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            var needed = columnsNeeded.ToList();
            var textColumn = input.Schema[parent.InputColumnName];
            var passThrough = needed.Where(c => c.Index < input.Schema.Count).Select(c => input.Schema[c.Index]).ToList();
            var inputCursor = input.GetRowCursor(passThrough.Append(textColumn).DistinctBy(c => c.Index), rand);
            return new Cursor(parent, inputCursor, schema, needed, passThrough, textColumn);
        }
    }

    private sealed class Cursor : RowCursorBase
    {
        private readonly BatchedLengthTransformer _parent;
        private readonly DataViewRowCursor _input;
        private readonly RowBatchBuffer _buffer;
        private readonly ValueGetter<ReadOnlyMemory<char>> _text;
        private readonly List<int> _lengths = [];
        private int _slot = -1;

        public Cursor(BatchedLengthTransformer parent, DataViewRowCursor input, DataViewSchema schema,
            IEnumerable<DataViewSchema.Column> needed, IEnumerable<DataViewSchema.Column> passThrough, DataViewSchema.Column text)
            : base(schema, needed)
        {
            _parent = parent;
            _input = input;
            _buffer = new RowBatchBuffer(input, passThrough);
            _text = input.GetGetter<ReadOnlyMemory<char>>(text);
        }

        protected override bool MoveNextCore()
        {
            if (++_slot < _buffer.Count) return true;
            _buffer.Clear();
            _lengths.Clear();
            ReadOnlyMemory<char> text = default;
            while (_buffer.Count < _parent.BatchSize && _input.MoveNext())
            {
                _buffer.Add();
                _text(ref text);
                _lengths.Add(text.Length); // stands in for one model call over the whole batch
            }
            if (_buffer.Count == 0) return false;
            _parent.BatchesComputed++;
            _slot = 0;
            return true;
        }

        protected override Delegate MakeGetter(int columnIndex) => columnIndex < _input.Schema.Count
            ? _buffer.MakeGetter(_input.Schema[columnIndex], () => _slot)
            : new ValueGetter<int>((ref int length) => length = _lengths[_slot]);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _buffer.MakeIdGetter(() => _slot);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
