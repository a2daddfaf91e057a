// Holds copies of several rows of a cursor, for components that read their input ahead — e.g. a
// scoring transformer that gathers 256 rows, runs the model once on the batch, then hands the rows
// out one by one. Once the input cursor has moved on, its getters describe a later row, so the
// pass-through columns (and row ids) of the buffered rows must be served from these copies.
// Values are deep copies (vectors get their own arrays) and getters copy into the caller's buffer.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Copies of the chosen columns of up to any number of rows, addressed by slot.</summary>
public sealed class RowBatchBuffer
{
    private readonly Dictionary<int, ColumnValueStore> _stores = [];
    private readonly ValueGetter<DataViewRowId> _sourceId;
    private DataViewRowId[] _idValues = new DataViewRowId[16];
    private int _filled;

    /// <summary>Buffers <paramref name="columns"/> of <paramref name="source"/> (they must be active in it).</summary>
    public RowBatchBuffer(DataViewRow source, IEnumerable<DataViewSchema.Column> columns)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            if (_stores.ContainsKey(column.Index)) continue;
            var store = ColumnValueStore.Create(column.Type);
            store.Bind(source, column);
            _stores[column.Index] = store;
        }
        _sourceId = source.GetIdGetter();
    }

    /// <summary>The number of slots stored since the last <see cref="Clear"/>.</summary>
    public int Count => _filled;

    /// <summary>Copies the source's current row into the next slot and returns that slot.</summary>
    public int Add()
    {
        int slot = _filled++;
        foreach (var store in _stores.Values) store.Store(slot);
        DataViewRowId id = default;
        _sourceId(ref id);
        if (slot >= _idValues.Length) _idValues = Grow(_idValues, slot + 1);
        _idValues[slot] = id;
        return slot;
    }

    private static DataViewRowId[] Grow(DataViewRowId[] old, int needed)
    {
        var grown = new DataViewRowId[Math.Max(old.Length * 2, needed)];
        old.CopyTo(grown, 0);
        return grown;
    }

    /// <summary>Starts a new batch; slots are reused (and their vector buffers with them).</summary>
    public void Clear() => _filled = 0;

    /// <summary>A getter of <paramref name="column"/> (a ValueGetter of its raw type) that reads the slot
    /// returned by <paramref name="slot"/> at each call.</summary>
    public Delegate MakeGetter(DataViewSchema.Column column, Func<int> slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (!_stores.TryGetValue(column.Index, out var store))
            throw new ArgumentException($"Column '{column.Name}' is not buffered.", nameof(column));
        return store.MakeGetter(() => CheckSlot(slot()));
    }

    /// <summary>A getter of the buffered row ids.</summary>
    public ValueGetter<DataViewRowId> MakeIdGetter(Func<int> slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return (ref DataViewRowId id) => id = _idValues[CheckSlot(slot())];
    }

    private int CheckSlot(int slot) =>
        (uint)slot < (uint)_filled ? slot
            : throw new InvalidOperationException($"Slot {slot} is not filled (the batch holds {_filled} rows).");
}
