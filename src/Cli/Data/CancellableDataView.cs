// A pass-through view whose cursors check a CancellationToken on every MoveNext, so that a long read
// which takes no token itself (scoring and evaluating a large test file, writing predictions) stops
// promptly on Ctrl+C instead of running to the end. Costs one volatile read per row.
namespace MlNetAttention.Cli.Data;

/// <summary>The rows of <paramref name="source"/>, cancellable between any two rows.</summary>
internal sealed class CancellableDataView(IDataView source, CancellationToken cancellation) : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(source.GetRowCursor(columnsNeeded, rand), cancellation);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        source.GetRowCursorSet(columnsNeeded, n, rand).Select(c => (DataViewRowCursor)new Cursor(c, cancellation)).ToArray();

    private sealed class Cursor(DataViewRowCursor inner, CancellationToken cancellation) : DataViewRowCursor
    {
        public override DataViewSchema Schema => inner.Schema;

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override bool MoveNext()
        {
            cancellation.ThrowIfCancellationRequested();
            return inner.MoveNext();
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
