// The type of a column in an IDataView, as in ML.NET: every DataViewType names the .NET "raw type"
// a getter hands out (float for Single, ReadOnlyMemory<char> for text, uint for keys, VBuffer<T> for
// vectors). Primitive types are scalars; structured types (vectors) are made of primitive items.
// Types are immutable and compared by value, so two schemas built independently compare equal.
namespace MlNetAttention.Data;

/// <summary>The type of a column: the raw .NET type its getters produce plus any extra structure.</summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    /// <summary>The .NET type a <c>ValueGetter&lt;T&gt;</c> for a column of this type must use.</summary>
    public Type RawType { get; }

    private protected DataViewType(Type rawType)
    {
        ArgumentNullException.ThrowIfNull(rawType);
        RawType = rawType;
    }

    public abstract bool Equals(DataViewType? other);

    public override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    public override int GetHashCode() => RawType.GetHashCode();

    public static bool operator ==(DataViewType? left, DataViewType? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(DataViewType? left, DataViewType? right) => !(left == right);
}

/// <summary>A scalar column type (text, a number, a Boolean, a key, a row id).</summary>
public abstract class PrimitiveDataViewType : DataViewType
{
    private protected PrimitiveDataViewType(Type rawType) : base(rawType) { }
}

/// <summary>A column type made of several primitive items (vectors).</summary>
public abstract class StructuredDataViewType : DataViewType
{
    private protected StructuredDataViewType(Type rawType) : base(rawType) { }
}
