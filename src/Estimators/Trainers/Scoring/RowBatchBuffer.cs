// Copies of several rows of the input cursor, for the scoring cursor that reads its input ahead: it
// gathers a batch of rows, scores them in one forward pass, then hands them out one by one. By then
// the input cursor describes a later row, so the pass-through columns (and row ids) of the buffered
// rows are served from these copies. Values are deep copies (vectors get their own arrays, text not
// backed by an immutable string is copied), and getters copy into the caller's buffer.
using System.Runtime.InteropServices;

namespace MlNetAttention.Trainers;

internal sealed class RowBatchBuffer
{
    private readonly Dictionary<int, ColumnStore> _stores = [];
    private readonly ValueGetter<DataViewRowId> _sourceId;
    private DataViewRowId[] _ids = new DataViewRowId[16];

    /// <summary>Buffers <paramref name="columns"/> of <paramref name="source"/> (they must be active in it).</summary>
    public RowBatchBuffer(DataViewRow source, IEnumerable<DataViewSchema.Column> columns)
    {
        foreach (var column in columns)
        {
            if (_stores.ContainsKey(column.Index)) continue;
            var storeType = column.Type is VectorDataViewType vector
                ? typeof(VectorStore<>).MakeGenericType(vector.ItemType.RawType)
                : typeof(ScalarStore<>).MakeGenericType(column.Type.RawType);
            var store = (ColumnStore)Activator.CreateInstance(storeType)!;
            store.Bind(source, column);
            _stores[column.Index] = store;
        }
        _sourceId = source.GetIdGetter();
    }

    /// <summary>The number of rows stored since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Copies the source's current row into the next slot.</summary>
    public void Add()
    {
        int slot = Count++;
        foreach (var store in _stores.Values) store.Store(slot);
        if (slot >= _ids.Length) Array.Resize(ref _ids, _ids.Length * 2);
        _sourceId(ref _ids[slot]);
    }

    /// <summary>Starts a new batch; slots (and their vector buffers) are reused.</summary>
    public void Clear() => Count = 0;

    /// <summary>A getter of <paramref name="column"/> that reads the slot <paramref name="slot"/> returns at each call.</summary>
    public Delegate MakeGetter(DataViewSchema.Column column, Func<int> slot) => _stores[column.Index].MakeGetter(slot);

    /// <summary>A getter of the buffered row ids.</summary>
    public ValueGetter<DataViewRowId> MakeIdGetter(Func<int> slot) => (ref DataViewRowId id) => id = _ids[slot()];

    /// <summary>Text that stays valid after the cursor moves: kept when it is a slice of a string, else copied.</summary>
    private static ReadOnlyMemory<char> Stable(ReadOnlyMemory<char> text) =>
        MemoryMarshal.TryGetString(text, out _, out _, out _) ? text : text.ToString().AsMemory();

    private abstract class ColumnStore
    {
        public abstract void Bind(DataViewRow source, DataViewSchema.Column column);
        public abstract void Store(int slot);
        public abstract Delegate MakeGetter(Func<int> slot);
    }

    private sealed class ScalarStore<T> : ColumnStore
    {
        private T[] _values = new T[16];
        private ValueGetter<T>? _source;

        public override void Bind(DataViewRow source, DataViewSchema.Column column) => _source = source.GetGetter<T>(column);

        public override void Store(int slot)
        {
            if (slot >= _values.Length) Array.Resize(ref _values, _values.Length * 2);
            _source!(ref _values[slot]);
            if (_values[slot] is ReadOnlyMemory<char> text) _values[slot] = (T)(object)Stable(text);
        }

        public override Delegate MakeGetter(Func<int> slot) => new ValueGetter<T>((ref T value) => value = _values[slot()]);
    }

    private sealed class VectorStore<TItem> : ColumnStore
    {
        private VBuffer<TItem>[] _values = new VBuffer<TItem>[16];
        private VBuffer<TItem> _scratch;
        private ValueGetter<VBuffer<TItem>>? _source;

        public override void Bind(DataViewRow source, DataViewSchema.Column column) => _source = source.GetGetter<VBuffer<TItem>>(column);

        public override void Store(int slot)
        {
            if (slot >= _values.Length) Array.Resize(ref _values, _values.Length * 2);
            _source!(ref _scratch);
            _scratch.CopyTo(ref _values[slot]);
            if (typeof(TItem) != typeof(ReadOnlyMemory<char>)) return;
            var editor = VBufferEditor.CreateFromBuffer(ref _values[slot]);
            var texts = editor.Values;
            for (int i = 0; i < texts.Length; i++) texts[i] = (TItem)(object)Stable((ReadOnlyMemory<char>)(object)texts[i]!);
        }

        public override Delegate MakeGetter(Func<int> slot) =>
            new ValueGetter<VBuffer<TItem>>((ref VBuffer<TItem> value) => _values[slot()].CopyTo(ref value));
    }
}
