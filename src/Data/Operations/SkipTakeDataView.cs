// SkipRows / TakeRows: the source's rows from position `skip`, at most `take` of them. Streaming;
// the row count is known when the source's is. It does not shuffle (which rows are skipped must
// not depend on a random order).
namespace MlNetAttention.Data;

internal sealed class SkipTakeDataView(IDataView source, long skip, long take) : IDataView
{
    public DataViewSchema Schema => source.Schema;

    public bool CanShuffle => false;

    public long? GetRowCount() =>
        source.GetRowCount() is { } count ? Math.Min(Math.Max(count - _skip, 0), _take) : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        return new Cursor(this, source.GetRowCursor(needed), needed);
    }

    private sealed class Cursor(SkipTakeDataView parent, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> needed)
        : RowCursorBase(parent.Schema, needed)
    {
        private long _taken;
        private bool _skipped;

        protected override bool MoveNextCore()
        {
            if (!_skipped)
            {
                _skipped = true;
                for (long i = 0; i < parent._skip; i++)
                {
                    if (!input.MoveNext()) return false;
                }
            }
            if (_taken >= parent._take || !input.MoveNext()) return false;
            _taken++;
            return true;
        }

        protected override Delegate MakeGetter(int columnIndex) => GenericMethods.GetGetter(input, input.Schema[columnIndex]);

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }

    private readonly long _skip = skip;
    private readonly long _take = take;
}
