// A data view whose "Label" key column holds a value above its key count, which no well-behaved
// source produces (the loaders and LoadFromEnumerable refuse it) but a hand-written IDataView can:
// the trainer must report it as a clear error naming the row, never an index out of range deep inside.
using MlNetAttention.Data;

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

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    private sealed class Cursor(OutOfRangeKeyView view, IEnumerable<DataViewSchema.Column> needed) : RowCursorBase(view.Schema, needed)
    {
        private int _row = -1;

        protected override bool MoveNextCore() => ++_row < view._keys.Length;

        protected override Delegate MakeGetter(int columnIndex) => columnIndex == 0
            ? new ValueGetter<uint>((ref uint value) => value = view._keys[_row])
            : new ValueGetter<ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) => value = $"text number {_row}".AsMemory());
    }
}
