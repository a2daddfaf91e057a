// Typed in-memory storage of one column's values, one slot per row, used by the cache and the
// shuffle pool. Storing a value makes a private deep copy (vectors get their own arrays, text that
// is not backed by an immutable string is copied), and reading copies into the caller's buffer,
// so a consumer that reuses or edits its buffers can never corrupt the stored data.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlNetAttention.Data;

internal abstract class ColumnValueStore
{
    public static ColumnValueStore Create(DataViewType type) => type is VectorDataViewType vector
        ? (ColumnValueStore)Activator.CreateInstance(typeof(VectorStore<>).MakeGenericType(vector.ItemType.RawType))!
        : (ColumnValueStore)Activator.CreateInstance(typeof(ScalarStore<>).MakeGenericType(type.RawType))!;

    /// <summary>Reads the source column through <paramref name="source"/> from now on.</summary>
    public abstract void Bind(DataViewRow source, DataViewSchema.Column column);

    /// <summary>Copies the source's current value into <paramref name="slot"/> (growing the store as needed).</summary>
    public abstract void Store(int slot);

    /// <summary>A getter of the column's raw type that reads the slot returned by <paramref name="slot"/>.</summary>
    public abstract Delegate MakeGetter(Func<int> slot);

    /// <summary>Moves the value of slot <paramref name="from"/> into slot <paramref name="to"/>.</summary>
    public abstract void Move(int from, int to);

    /// <summary>Releases unused capacity once all rows are stored.</summary>
    public abstract void Trim(int count);
}

internal sealed class ScalarStore<T> : ColumnValueStore
{
    private T[] _values = new T[16];
    private ValueGetter<T>? _source;

    public override void Bind(DataViewRow source, DataViewSchema.Column column) => _source = source.GetGetter<T>(column);

    public override void Store(int slot)
    {
        if (slot >= _values.Length) Array.Resize(ref _values, Math.Max(_values.Length * 2, slot + 1));
        T value = default!;
        _source!(ref value);
        if (typeof(T) == typeof(ReadOnlyMemory<char>))
            value = (T)(object)PocoConverters.StableText((ReadOnlyMemory<char>)(object)value!);
        _values[slot] = value;
    }

    public override Delegate MakeGetter(Func<int> slot) => new ValueGetter<T>((ref T value) => value = _values[slot()]);

    public override void Move(int from, int to) => _values[to] = _values[from];

    public override void Trim(int count) => Array.Resize(ref _values, count);
}

internal sealed class VectorStore<TItem> : ColumnValueStore
{
    private VBuffer<TItem>[] _values = new VBuffer<TItem>[16];
    private VBuffer<TItem> _scratch;
    private ValueGetter<VBuffer<TItem>>? _source;

    public override void Bind(DataViewRow source, DataViewSchema.Column column) =>
        _source = source.GetGetter<VBuffer<TItem>>(column);

    public override void Store(int slot)
    {
        if (slot >= _values.Length) Array.Resize(ref _values, Math.Max(_values.Length * 2, slot + 1));
        _source!(ref _scratch);
        var source = _scratch;
        // Reuse the slot's own arrays (the shuffle pool refills slots); a fresh slot allocates.
        var editor = VBufferEditor.Create(ref _values[slot], source.Length, source.GetValues().Length);
        source.GetValues().CopyTo(editor.Values);
        if (!source.IsDense) source.GetIndices().CopyTo(editor.Indices);
        if (typeof(TItem) == typeof(ReadOnlyMemory<char>))
        {
            var values = editor.Values;
            var texts = MemoryMarshal.CreateSpan(
                ref Unsafe.As<TItem, ReadOnlyMemory<char>>(ref MemoryMarshal.GetReference(values)), values.Length);
            for (int i = 0; i < texts.Length; i++) texts[i] = PocoConverters.StableText(texts[i]);
        }
        _values[slot] = editor.Commit();
    }

    public override Delegate MakeGetter(Func<int> slot) =>
        new ValueGetter<VBuffer<TItem>>((ref VBuffer<TItem> value) => _values[slot()].CopyTo(ref value));

    public override void Move(int from, int to) => (_values[to], _values[from]) = (_values[from], _values[to]);

    public override void Trim(int count) => Array.Resize(ref _values, count);
}
