// An in-memory copy of a data view (Data.Cache, AppendCacheCheckpoint). It is filled on first use
// (a cursor or GetRowCount), once, under a lock, reading every column of the source in one pass;
// later cursors read memory. It can shuffle: a cursor given a Random visits the rows in a random
// permutation drawn from it. Row ids are the original row positions, stable under shuffling.
namespace MlNetAttention.Data;

internal sealed class CacheDataView : IDataView
{
    private readonly IDataView _source;
    private readonly object _fillLock = new();
    private ColumnValueStore[]? _stores;
    private DataViewRowId[] _ids = [];
    private int _count;

    public CacheDataView(IDataView source)
    {
        _source = source;
        Schema = source.Schema;
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => true;

    public long? GetRowCount()
    {
        EnsureFilled();
        return _count;
    }

    private ColumnValueStore[] EnsureFilled()
    {
        if (Volatile.Read(ref _stores) is { } ready) return ready;
        lock (_fillLock)
        {
            if (_stores is not null) return _stores;
            var stores = Schema.Select(c => ColumnValueStore.Create(c.Type)).ToArray();
            var ids = new List<DataViewRowId>();
            using (var cursor = _source.GetRowCursor(Schema))
            {
                for (int i = 0; i < stores.Length; i++) stores[i].Bind(cursor, Schema[i]);
                var id = cursor.GetIdGetter();
                DataViewRowId rowId = default;
                while (cursor.MoveNext())
                {
                    if (ids.Count == int.MaxValue) throw new InvalidOperationException("Cannot cache more than int.MaxValue rows.");
                    foreach (var store in stores) store.Store(ids.Count);
                    id(ref rowId);
                    ids.Add(rowId);
                }
            }
            _count = ids.Count;
            foreach (var store in stores) store.Trim(_count);
            _ids = ids.ToArray();
            Volatile.Write(ref _stores, stores);
            return stores;
        }
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var stores = EnsureFilled();
        int[]? order = null;
        if (rand is not null)
        {
            order = new int[_count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            rand.Shuffle(order);
        }
        return new Cursor(this, stores, order, columnsNeeded);
    }

    private sealed class Cursor(CacheDataView parent, ColumnValueStore[] stores, int[]? order,
        IEnumerable<DataViewSchema.Column> columnsNeeded) : RowCursorBase(parent.Schema, columnsNeeded)
    {
        private int _next;
        private int _row = -1;

        protected override bool MoveNextCore()
        {
            if (_next >= parent._count) return false;
            _row = order is null ? _next : order[_next];
            _next++;
            return true;
        }

        private int CurrentRow()
        {
            CheckPosition();
            return _row;
        }

        protected override Delegate MakeGetter(int columnIndex) => stores[columnIndex].MakeGetter(CurrentRow);

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = parent._ids[CurrentRow()];
    }
}
