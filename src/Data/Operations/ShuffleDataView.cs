// ShuffleRows: a streaming shuffle with bounded memory, as ML.NET's ShuffleRows. Rows pass through
// a pool of `poolSize` rows; each step emits a random row of the pool and refills its slot from the
// source. When the source itself can shuffle (e.g. a cache) it is also asked for a random order,
// which makes the result a full permutation. Without a Random from the caller, each cursor uses
// Random(seed), so every pass gives the same order; pass a Random to get a new order per pass.
namespace MlNetAttention.Data;

internal sealed class ShuffleDataView : IDataView
{
    private readonly IDataView _source;
    private readonly int _seed;
    private readonly int _poolSize;
    private readonly bool _shuffleSource;

    public ShuffleDataView(IDataView source, int seed, int poolSize, bool shuffleSource)
    {
        _source = source;
        _seed = seed;
        _poolSize = poolSize;
        _shuffleSource = shuffleSource;
    }

    public DataViewSchema Schema => _source.Schema;

    public bool CanShuffle => true;

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var random = rand ?? new Random(_seed);
        var active = RowCursorBase.ActiveFlags(Schema, columnsNeeded);
        var needed = Schema.Where(c => active[c.Index]).ToList();
        var sourceRandom = _shuffleSource && _source.CanShuffle ? new Random(random.Next()) : null;
        var input = _source.GetRowCursor(needed, sourceRandom);
        return new Cursor(this, input, needed, random);
    }

    private sealed class Cursor : RowCursorBase
    {
        private readonly DataViewRowCursor _input;
        private readonly Random _random;
        private readonly ColumnValueStore?[] _stores;
        private readonly ScalarStore<DataViewRowId> _ids = new();
        private readonly int _poolSize;
        private int _filled;
        private int _current = -1;
        private bool _inputDone;

        public Cursor(ShuffleDataView parent, DataViewRowCursor input, List<DataViewSchema.Column> needed, Random random)
            : base(parent.Schema, needed)
        {
            _input = input;
            _random = random;
            _poolSize = parent._poolSize;
            _stores = new ColumnValueStore?[parent.Schema.Count];
            foreach (var column in needed)
            {
                var store = ColumnValueStore.Create(column.Type);
                store.Bind(input, column);
                _stores[column.Index] = store;
            }
            _ids.Bind(new IdRow(input), IdRow.IdColumn);
        }

        protected override bool MoveNextCore()
        {
            if (_current < 0) Fill();
            else if (!_inputDone && _input.MoveNext()) StoreAt(_current);
            else
            {
                _inputDone = true;
                _filled--;
                if (_current != _filled) MoveSlot(_filled, _current);
            }
            if (_filled == 0) return false;
            _current = _random.Next(_filled);
            return true;
        }

        private void Fill()
        {
            while (_filled < _poolSize && _input.MoveNext()) StoreAt(_filled++);
            _inputDone = _filled < _poolSize;
        }

        private void StoreAt(int slot)
        {
            foreach (var store in _stores) store?.Store(slot);
            _ids.Store(slot);
        }

        private void MoveSlot(int from, int to)
        {
            foreach (var store in _stores) store?.Move(from, to);
            _ids.Move(from, to);
        }

        private int CurrentSlot()
        {
            CheckPosition();
            return _current;
        }

        protected override Delegate MakeGetter(int columnIndex) => _stores[columnIndex]!.MakeGetter(CurrentSlot);

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ValueGetter<DataViewRowId>)_ids.MakeGetter(CurrentSlot);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }

    // Presents a cursor's row id as a one-column row so the id can be pooled like any column.
    private sealed class IdRow(DataViewRow row) : DataViewRow
    {
        private static readonly DataViewSchema IdSchema = DataViewSchema.Create([new("RowId", RowIdDataViewType.Instance)]);
        public static DataViewSchema.Column IdColumn => IdSchema[0];

        public override DataViewSchema Schema => IdSchema;
        public override long Position => row.Position;
        public override bool IsColumnActive(DataViewSchema.Column column) => true;
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => (ValueGetter<TValue>)(Delegate)row.GetIdGetter();
        public override ValueGetter<DataViewRowId> GetIdGetter() => row.GetIdGetter();
    }
}
