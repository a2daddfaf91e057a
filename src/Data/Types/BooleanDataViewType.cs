// The Boolean column type (raw type bool).
namespace MlNetAttention.Data;

/// <summary>Boolean; the raw type is <see cref="bool"/>.</summary>
public sealed class BooleanDataViewType : PrimitiveDataViewType
{
    public static BooleanDataViewType Instance { get; } = new();

    private BooleanDataViewType() : base(typeof(bool)) { }

    public override bool Equals(DataViewType? other) => other is BooleanDataViewType;

    public override int GetHashCode() => typeof(BooleanDataViewType).GetHashCode();

    public override string ToString() => "Boolean";
}
