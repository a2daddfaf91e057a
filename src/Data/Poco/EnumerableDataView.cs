// LoadFromEnumerable's view: a collection of data-class objects seen as rows. Each cursor
// enumerates the collection again (so a lazy IEnumerable is re-run per pass, as in ML.NET); the
// row count is known when the collection is an ICollection. A null object is an error naming its
// position.
namespace MlNetAttention.Data;

internal sealed class EnumerableDataView<TRow> : IDataView where TRow : class
{
    private readonly IEnumerable<TRow> _data;
    private readonly IReadOnlyList<PocoMember> _members;

    public EnumerableDataView(IEnumerable<TRow> data)
    {
        _data = data;
        _members = PocoMember.Of(typeof(TRow));
        if (_members.Count == 0)
            throw new ArgumentException($"{typeof(TRow).Name} has no public read-write fields or properties to make columns from.");
        var builder = new DataViewSchema.Builder();
        foreach (var member in _members) builder.AddColumn(member.ColumnName, member.GetColumnType());
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _data is ICollection<TRow> collection ? collection.Count
        : _data is IReadOnlyCollection<TRow> readOnly ? readOnly.Count : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    private sealed class Cursor(EnumerableDataView<TRow> parent, IEnumerable<DataViewSchema.Column> columnsNeeded)
        : RowCursorBase(parent.Schema, columnsNeeded)
    {
        private readonly IEnumerator<TRow> _rows = parent._data.GetEnumerator();
        private TRow? _current;

        protected override bool MoveNextCore()
        {
            if (!_rows.MoveNext()) return false;
            _current = _rows.Current
                ?? throw new InvalidOperationException($"Row {Position + 1} of the {typeof(TRow).Name} collection is null.");
            return true;
        }

        protected override Delegate MakeGetter(int columnIndex) =>
            PocoConverters.MakeGetter(parent._members[columnIndex], Schema[columnIndex].Type, () =>
            {
                CheckPosition();
                return _current!;
            });

        protected override void Dispose(bool disposing)
        {
            if (disposing) _rows.Dispose();
            base.Dispose(disposing);
        }
    }
}
