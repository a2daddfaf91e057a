// Vector columns, as in ML.NET: a fixed- or variable-length sequence of primitive items whose raw
// type is VBuffer<T>. Dimensions are all positive for a fixed size; a single 0 dimension means
// "variable length" (every row may have its own length).
namespace MlNetAttention.Data;

/// <summary>A vector of primitive items; the raw type is VBuffer&lt;ItemType.RawType&gt;.</summary>
public sealed class VectorDataViewType : StructuredDataViewType
{
    /// <summary>The type of each element.</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The dimensions; one 0 entry (or none) means variable length.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The number of elements of every row, or 0 when the length varies.</summary>
    public int Size { get; }

    /// <summary>True when every row has <see cref="Size"/> elements.</summary>
    public bool IsKnownSize => Size > 0;

    /// <summary>Creates a vector type. No dimensions (or a single 0) means variable length.</summary>
    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions)
        : base(MakeRawType(itemType))
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ItemType = itemType;
        if (dimensions.Length == 0 || (dimensions.Length == 1 && dimensions[0] == 0))
        {
            Dimensions = [0];
            Size = 0;
            return;
        }
        long size = 1;
        foreach (int d in dimensions)
        {
            if (d <= 0)
                throw new ArgumentOutOfRangeException(nameof(dimensions), d,
                    "Vector dimensions must be positive (use a single 0 for a variable-length vector).");
            size *= d;
            if (size > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(dimensions), size, "Vector size exceeds int.MaxValue.");
        }
        Dimensions = (int[])dimensions.Clone();
        Size = (int)size;
    }

    private static Type MakeRawType(PrimitiveDataViewType itemType)
    {
        ArgumentNullException.ThrowIfNull(itemType);
        return typeof(VBuffer<>).MakeGenericType(itemType.RawType);
    }

    public override bool Equals(DataViewType? other) =>
        other is VectorDataViewType v && v.ItemType.Equals(ItemType) && v.Dimensions.SequenceEqual(Dimensions);

    public override int GetHashCode() => HashCode.Combine(typeof(VectorDataViewType), ItemType, Size);

    public override string ToString() =>
        IsKnownSize ? $"Vector<{ItemType}, {string.Join(", ", Dimensions)}>" : $"Vector<{ItemType}>";
}
