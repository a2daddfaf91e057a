// Key columns, as in ML.NET: a categorical value stored as an unsigned index. Raw type uint;
// 0 means "missing", valid keys are 1..Count. The KeyValues annotation (when present) holds the
// Count original values, so key k stands for KeyValues[k - 1].
namespace MlNetAttention.Data;

/// <summary>A key type with a known cardinality; the raw type is <see cref="uint"/>.</summary>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    /// <summary>The number of valid keys (values 1..Count); 0 is the missing key.</summary>
    public ulong Count { get; }

    /// <summary>Creates a key type. Only <see cref="uint"/> raw keys are supported.</summary>
    /// <exception cref="ArgumentException">rawType is not uint, or count is 0 or above uint.MaxValue.</exception>
    public KeyDataViewType(Type type, ulong count) : base(ValidateRawType(type))
    {
        if (count == 0 || count > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"A key type needs a count between 1 and {uint.MaxValue}, got {count}.");
        Count = count;
    }

    /// <inheritdoc cref="KeyDataViewType(Type, ulong)"/>
    public KeyDataViewType(Type type, int count)
        : this(type, count > 0 ? (ulong)count : throw new ArgumentOutOfRangeException(nameof(count), count,
            $"A key type needs a count between 1 and {uint.MaxValue}, got {count}."))
    {
    }

    private static Type ValidateRawType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type != typeof(uint))
            throw new ArgumentException(
                $"Key types must have raw type UInt32 in this library, got '{type.Name}'.", nameof(type));
        return type;
    }

    public override bool Equals(DataViewType? other) => other is KeyDataViewType key && key.Count == Count;

    public override int GetHashCode() => HashCode.Combine(typeof(KeyDataViewType), Count);

    public override string ToString() => $"Key<UInt32, {Count}>";
}
