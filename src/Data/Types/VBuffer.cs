// VBuffer<T>: the value of a vector column, as in ML.NET. Either dense (Length values) or sparse
// (Count values at increasing Indices; every other element is default(T)). The arrays may be longer
// than needed so that a getter can reuse a caller's buffer row after row without allocating; only
// the first Count entries are meaningful. A VBuffer never exposes its arrays for writing: use
// VBufferEditor to fill one in place.
namespace MlNetAttention.Data;

/// <summary>A dense or sparse vector value with reusable backing arrays.</summary>
public readonly struct VBuffer<T>
{
    private readonly T[]? _values;
    private readonly int[]? _indices;
    private readonly int _count;

    /// <summary>The logical number of elements.</summary>
    public int Length { get; }

    /// <summary>True when every element is stored explicitly.</summary>
    public bool IsDense => Length == _count;

    /// <summary>Creates a dense vector over the first <paramref name="length"/> entries of values,
    /// or a sparse one when indices is given (its length then sets the number of stored values).</summary>
    public VBuffer(int length, T[] values, int[]? indices = null)
        : this(length, indices is null ? length : indices.Length, values, indices)
    {
    }

    /// <summary>Creates a vector with <paramref name="count"/> explicit values (dense when count == length).</summary>
    public VBuffer(int length, int count, T[] values, int[]? indices = null)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "Length must be non-negative.");
        if (count < 0 || count > length)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count must be between 0 and the length {length}.");
        if (count > 0 && (values is null || values.Length < count))
            throw new ArgumentException($"The values array must hold at least {count} items.", nameof(values));
        if (count < length && count > 0 && (indices is null || indices.Length < count))
            throw new ArgumentException($"A sparse vector needs at least {count} indices.", nameof(indices));
        Length = length;
        _count = count;
        _values = values;
        _indices = indices; // kept even when dense so that a later sparse edit can reuse it
        if (!IsDense) ValidateIndices();
    }

    private void ValidateIndices()
    {
        int previous = -1;
        for (int i = 0; i < _count; i++)
        {
            int index = _indices![i];
            if (index <= previous || index >= Length)
                throw new ArgumentException(
                    $"Sparse indices must be strictly increasing and below {Length}; found {index} at position {i}.",
                    "indices");
            previous = index;
        }
    }

    /// <summary>The explicitly stored values (all Length of them when dense).</summary>
    public ReadOnlySpan<T> GetValues() => _values is null ? default : _values.AsSpan(0, _count);

    /// <summary>The indices of the stored values; empty when dense.</summary>
    public ReadOnlySpan<int> GetIndices() => IsDense || _indices is null ? default : _indices.AsSpan(0, _count);

    /// <summary>The element at <paramref name="index"/>, default(T) for an implicit sparse zero.</summary>
    public T GetItemOrDefault(int index)
    {
        if ((uint)index >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in [0, {Length}).");
        if (IsDense) return _values![index];
        int position = GetIndices().BinarySearch(index);
        return position >= 0 ? _values![position] : default!;
    }

    /// <summary>All Length elements, implicit ones as default(T).</summary>
    public IEnumerable<T> DenseValues()
    {
        for (int i = 0; i < Length; i++) yield return GetItemOrDefault(i);
    }

    /// <summary>Copies into <paramref name="destination"/>, reusing its arrays when they are big enough.</summary>
    public void CopyTo(ref VBuffer<T> destination)
    {
        var editor = VBufferEditor.Create(ref destination, Length, _count, requireIndicesOnDense: false);
        GetValues().CopyTo(editor.Values);
        if (!IsDense) GetIndices().CopyTo(editor.Indices);
        destination = editor.Commit();
    }

    /// <summary>Copies as a dense vector into <paramref name="destination"/>.</summary>
    public void CopyToDense(ref VBuffer<T> destination)
    {
        var editor = VBufferEditor.Create(ref destination, Length);
        if (IsDense) GetValues().CopyTo(editor.Values);
        else
        {
            editor.Values.Clear();
            var values = GetValues();
            var indices = GetIndices();
            for (int i = 0; i < values.Length; i++) editor.Values[indices[i]] = values[i];
        }
        destination = editor.Commit();
    }

    /// <summary>Copies the dense form into <paramref name="destination"/> (length >= Length).</summary>
    public void CopyTo(Span<T> destination)
    {
        if (destination.Length < Length)
            throw new ArgumentException($"Destination holds {destination.Length} items, need {Length}.", nameof(destination));
        if (IsDense) { GetValues().CopyTo(destination); return; }
        destination[..Length].Clear();
        var values = GetValues();
        var indices = GetIndices();
        for (int i = 0; i < values.Length; i++) destination[indices[i]] = values[i];
    }

    // The editor needs the backing arrays to reuse them; nobody else does.
    internal T[]? RawValues => _values;
    internal int[]? RawIndices => _indices;

    public override string ToString()
    {
        if (IsDense) return $"[{string.Join(", ", GetValues().ToArray())}]";
        var values = GetValues().ToArray();
        var indices = GetIndices().ToArray();
        return $"sparse({Length}) {{{string.Join(", ", values.Select((v, i) => $"{indices[i]}: {v}"))}}}";
    }
}
