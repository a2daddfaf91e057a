// The per-cursor storage of one TextLoader column: parses its field(s) of the current record into
// a typed value (a scalar, or a fixed-size array for a vector) and hands it out through a getter.
namespace MlNetAttention.Data;

internal abstract class LoadedColumn
{
    /// <summary>Makes the storage for a column of <paramref name="type"/> read from <paramref name="sources"/>.</summary>
    public static LoadedColumn Create(DataViewType type, int[] sources) =>
        (LoadedColumn)Activator.CreateInstance(typeof(LoadedColumn<>).MakeGenericType(type.GetItemType().RawType),
            type, sources)!;

    /// <summary>Parses the current record; returns null on success, else the reason, with the failing field.</summary>
    public abstract string? Parse(CsvRecordReader record, out int failedField);

    /// <summary>A ValueGetter of the column's raw type over the last parsed value.</summary>
    public abstract Delegate MakeGetter();
}

internal sealed class LoadedColumn<T> : LoadedColumn
{
    private readonly TextValueParser.Parser<T> _parser;
    private readonly int[] _sources;
    private readonly bool _isVector;
    private readonly T[] _values;

    public LoadedColumn(DataViewType type, int[] sources)
    {
        _parser = (TextValueParser.Parser<T>)TextValueParser.For(type.GetItemType());
        _sources = sources;
        _isVector = type is VectorDataViewType;
        _values = new T[sources.Length];
    }

    public override string? Parse(CsvRecordReader record, out int failedField)
    {
        for (int i = 0; i < _sources.Length; i++)
        {
            string? error = _parser(record.Field(_sources[i]), out _values[i]);
            if (error is not null)
            {
                failedField = _sources[i];
                return error;
            }
        }
        failedField = -1;
        return null;
    }

    public override Delegate MakeGetter()
    {
        if (!_isVector) return new ValueGetter<T>((ref T value) => value = _values[0]);
        return new ValueGetter<VBuffer<T>>((ref VBuffer<T> value) =>
        {
            var editor = VBufferEditor.Create(ref value, _values.Length);
            _values.AsSpan().CopyTo(editor.Values);
            value = editor.Commit();
        });
    }
}
