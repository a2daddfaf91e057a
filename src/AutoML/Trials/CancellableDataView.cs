// An IDataView that passes another view through unchanged but checks a CancellationToken on every
// row a cursor moves to, throwing OperationCanceledException. Put between the cached features and an
// ML.NET trainer that takes no token, it stops the trainer within one row of the token firing: every
// classic trainer reads its data through cursors (SDCA and L-BFGS on each pass, LightGBM while it
// builds its dataset, One-versus-All per class).
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML;

/// <summary>A pass-through view whose cursors throw once <see cref="CancellationToken"/> fires.</summary>
internal sealed class CancellableDataView : IDataView
{
    private readonly IDataView _source;
    private readonly CancellationToken _cancellationToken;

    public CancellableDataView(IDataView source, CancellationToken cancellationToken)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _cancellationToken = cancellationToken;
    }

    public bool CanShuffle => _source.CanShuffle;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        return new Cursor(_source.GetRowCursor(columnsNeeded, rand), _cancellationToken);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        return _source.GetRowCursorSet(columnsNeeded, n, rand)
            .Select(cursor => (DataViewRowCursor)new Cursor(cursor, _cancellationToken))
            .ToArray();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _inner;
        private readonly CancellationToken _cancellationToken;

        public Cursor(DataViewRowCursor inner, CancellationToken cancellationToken) =>
            (_inner, _cancellationToken) = (inner, cancellationToken);

        public override DataViewSchema Schema => _inner.Schema;

        public override long Position => _inner.Position;

        public override long Batch => _inner.Batch;

        public override bool MoveNext()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            return _inner.MoveNext();
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _inner.GetGetter<TValue>(column);

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
