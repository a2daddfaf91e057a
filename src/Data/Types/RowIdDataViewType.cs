// The type of row identifiers (DataViewRowId), handed out by DataViewRow.GetIdGetter.
namespace MlNetAttention.Data;

/// <summary>A 128-bit row id; the raw type is <see cref="DataViewRowId"/>.</summary>
public sealed class RowIdDataViewType : PrimitiveDataViewType
{
    public static RowIdDataViewType Instance { get; } = new();

    private RowIdDataViewType() : base(typeof(DataViewRowId)) { }

    public override bool Equals(DataViewType? other) => other is RowIdDataViewType;

    public override int GetHashCode() => typeof(RowIdDataViewType).GetHashCode();

    public override string ToString() => "RowId";
}
