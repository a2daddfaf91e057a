// A data view whose "Label" key column holds a value above its key count, which no well-behaved
// source produces (the loaders and LoadFromEnumerable refuse it) but a hand-written IDataView can:
// the trainer must report it as a clear error naming the row, never an index out of range deep inside.
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.Estimators.Tests.Support;

public sealed class OutOfRangeKeyView(uint[] keys, ulong keyCount) : IDataView
{
    private readonly uint[] _keys = keys;

    public DataViewSchema Schema { get; } = MakeSchema(keyCount);

    private static DataViewSchema MakeSchema(ulong keyCount)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Label", new KeyDataViewType(typeof(uint), keyCount));
        builder.AddColumn("Sentence1", TextDataViewType.Instance);
        return builder.ToSchema();
    }

    public bool CanShuffle => false;

    public long? GetRowCount() => _keys.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(OutOfRangeKeyView view) : DataViewRowCursor
    {
        private int _row = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _row;

        public override long Batch => 0;

        public override bool MoveNext() => ++_row < view._keys.Length;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => (ValueGetter<TValue>)(column.Index == 0
            ? new ValueGetter<uint>((ref uint value) => value = view._keys[_row])
            : (Delegate)new ValueGetter<ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) => value = $"text number {_row}".AsMemory()));
    }
}
