// The item kinds a TextLoader column can be loaded as, with ML.NET's numeric values so that code
// and saved settings carry over. Only the kinds this library supports are defined (an unsupported
// kind would otherwise be accepted and silently misread).
namespace MlNetAttention.Data;

/// <summary>The type of a column's items when loading text.</summary>
public enum DataKind : byte
{
    Int32 = 5,
    UInt32 = 6,
    Int64 = 7,
    Single = 9,
    Double = 10,
    String = 11,
    Boolean = 12,
}

/// <summary>Maps a <see cref="DataKind"/> to its column type.</summary>
public static class DataKindExtensions
{
    /// <summary>The primitive column type of <paramref name="kind"/> (a key type when keyCount is given).</summary>
    public static PrimitiveDataViewType ToDataViewType(this DataKind kind, ulong? keyCount = null)
    {
        if (keyCount is not null)
        {
            if (kind != DataKind.UInt32)
                throw new ArgumentException($"Only UInt32 columns can be keys, but the kind is {kind}.", nameof(kind));
            return new KeyDataViewType(typeof(uint), keyCount.Value);
        }
        return kind switch
        {
            DataKind.Int32 => NumberDataViewType.Int32,
            DataKind.UInt32 => NumberDataViewType.UInt32,
            DataKind.Int64 => NumberDataViewType.Int64,
            DataKind.Single => NumberDataViewType.Single,
            DataKind.Double => NumberDataViewType.Double,
            DataKind.String => TextDataViewType.Instance,
            DataKind.Boolean => BooleanDataViewType.Instance,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unsupported data kind."),
        };
    }
}
