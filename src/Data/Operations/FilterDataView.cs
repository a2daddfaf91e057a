// Keeps the rows of a source for which a predicate holds (TrainTestSplit, FilterRowsByMissingValues).
// The predicate is made per cursor over the source row, so it may read columns (made active even if
// the caller did not ask for them) and the row id. Rows keep their source ids; order and
// shuffling pass through, and the row count is unknown until counted.
namespace MlNetAttention.Data;

internal sealed class FilterDataView : IDataView
{
    private readonly IDataView _source;
    private readonly Func<DataViewRow, Func<bool>> _makePredicate;
    private readonly DataViewSchema.Column[] _predicateColumns;

    public FilterDataView(IDataView source, Func<DataViewRow, Func<bool>> makePredicate, IEnumerable<DataViewSchema.Column> predicateColumns)
    {
        _source = source;
        _makePredicate = makePredicate;
        _predicateColumns = predicateColumns.ToArray();
    }

    public DataViewSchema Schema => _source.Schema;

    public bool CanShuffle => _source.CanShuffle;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        var input = _source.GetRowCursor(needed.Concat(_predicateColumns).DistinctBy(c => c.Index), rand);
        return new Cursor(this, input, needed);
    }

    private sealed class Cursor : RowCursorBase
    {
        private readonly DataViewRowCursor _input;
        private readonly Func<bool> _keep;

        public Cursor(FilterDataView parent, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> needed)
            : base(parent.Schema, needed)
        {
            _input = input;
            _keep = parent._makePredicate(input);
        }

        protected override bool MoveNextCore()
        {
            while (_input.MoveNext())
            {
                if (_keep()) return true;
            }
            return false;
        }

        protected override Delegate MakeGetter(int columnIndex) => GenericMethods.GetGetter(_input, _input.Schema[columnIndex]);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
