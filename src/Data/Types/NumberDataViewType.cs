// The numeric column types this library supports: Single, Double, Int32, Int64, UInt32 (the subset
// of ML.NET's numeric types that text classification pipelines use). One instance per raw type.
namespace MlNetAttention.Data;

/// <summary>A numeric scalar type; compare with the static instances.</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    public static NumberDataViewType Single { get; } = new(typeof(float), "Single");
    public static NumberDataViewType Double { get; } = new(typeof(double), "Double");
    public static NumberDataViewType Int32 { get; } = new(typeof(int), "Int32");
    public static NumberDataViewType Int64 { get; } = new(typeof(long), "Int64");
    public static NumberDataViewType UInt32 { get; } = new(typeof(uint), "UInt32");

    private readonly string _name;

    private NumberDataViewType(Type rawType, string name) : base(rawType) => _name = name;

    /// <summary>The instance whose raw type is <paramref name="rawType"/>, or null if none.</summary>
    public static NumberDataViewType? FromRawType(Type rawType) =>
        rawType == typeof(float) ? Single
        : rawType == typeof(double) ? Double
        : rawType == typeof(int) ? Int32
        : rawType == typeof(long) ? Int64
        : rawType == typeof(uint) ? UInt32
        : null;

    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RawType.GetHashCode();

    public override string ToString() => _name;
}
