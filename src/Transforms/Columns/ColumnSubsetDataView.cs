// A view showing a subset of its source's columns, possibly reordered (SelectColumns/DropColumns).
// Rows, order, ids and shuffling are the source's; a cursor activates only the chosen columns
// that were requested.
namespace MlNetAttention.Transforms;

internal sealed class ColumnSubsetDataView : IDataView
{
    private readonly IDataView _source;
    private readonly int[] _sourceIndices;

    public ColumnSubsetDataView(IDataView source, int[] sourceIndices)
    {
        _source = source;
        _sourceIndices = sourceIndices;
        Schema = MakeSchema(source.Schema, sourceIndices);
    }

    public static DataViewSchema MakeSchema(DataViewSchema source, int[] sourceIndices) =>
        DataViewSchema.Create(sourceIndices.Select(i => new DataViewSchema.DetachedColumn(source[i])));

    public DataViewSchema Schema { get; }

    public bool CanShuffle => _source.CanShuffle;

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        var active = RowCursorBase.ActiveFlags(Schema, needed);
        var input = _source.GetRowCursor(_sourceIndices.Where((_, i) => active[i]).Select(i => _source.Schema[i]), rand);
        return new Cursor(this, input, needed);
    }

    private sealed class Cursor(ColumnSubsetDataView parent, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> needed)
        : RowCursorBase(parent.Schema, needed)
    {
        protected override bool MoveNextCore() => input.MoveNext();

        protected override Delegate MakeGetter(int columnIndex) =>
            input.GetGetterAsDelegate(input.Schema[parent._sourceIndices[columnIndex]]);

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }
}
