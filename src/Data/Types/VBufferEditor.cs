// VBufferEditor: fills a VBuffer<T> in place, reusing the destination's arrays when they are large
// enough (the ML.NET pattern that lets a getter run row after row without allocating). Create an
// editor over the caller's buffer, write Values (and Indices when sparse), then Commit.
namespace MlNetAttention.Data;

/// <summary>Factory for <see cref="VBufferEditor{T}"/>.</summary>
public static class VBufferEditor
{
    /// <summary>An editor producing a vector of <paramref name="newLength"/> elements, of which
    /// <paramref name="valuesCount"/> (default: all, i.e. dense) are stored explicitly.</summary>
    public static VBufferEditor<T> Create<T>(ref VBuffer<T> destination, int newLength, int? valuesCount = null,
        bool keepOldOnResize = false, bool requireIndicesOnDense = false)
    {
        if (newLength < 0)
            throw new ArgumentOutOfRangeException(nameof(newLength), newLength, "Length must be non-negative.");
        int count = valuesCount ?? newLength;
        if (count < 0 || count > newLength)
            throw new ArgumentOutOfRangeException(nameof(valuesCount), count, $"Count must be between 0 and {newLength}.");

        T[] values = destination.RawValues is { } oldValues && oldValues.Length >= count
            ? oldValues
            : Grow(destination.RawValues, count, keepOldOnResize);
        bool needIndices = count < newLength || requireIndicesOnDense;
        int[] indices = !needIndices
            ? destination.RawIndices ?? []
            : destination.RawIndices is { } oldIndices && oldIndices.Length >= count
                ? oldIndices
                : Grow(destination.RawIndices, count, keepOldOnResize);
        return new VBufferEditor<T>(newLength, count, values, indices);
    }

    private static TItem[] Grow<TItem>(TItem[]? old, int count, bool keepOld)
    {
        var grown = new TItem[count];
        if (keepOld && old is not null) Array.Copy(old, grown, Math.Min(old.Length, count));
        return grown;
    }
}

/// <summary>Writable view of a vector being built; call <see cref="Commit"/> to get the VBuffer.</summary>
public readonly ref struct VBufferEditor<T>
{
    private readonly int _length;
    private readonly int _count;
    private readonly T[] _values;
    private readonly int[] _indices;

    internal VBufferEditor(int length, int count, T[] values, int[] indices)
    {
        _length = length;
        _count = count;
        _values = values;
        _indices = indices;
    }

    /// <summary>The explicit values to fill (Length of them when dense).</summary>
    public Span<T> Values => _values.AsSpan(0, _count);

    /// <summary>The indices to fill for a sparse vector (strictly increasing).</summary>
    public Span<int> Indices => _indices.AsSpan(0, Math.Min(_indices.Length, _count));

    /// <summary>The finished vector.</summary>
    public VBuffer<T> Commit() => new(_length, _count, _values, _indices);
}
