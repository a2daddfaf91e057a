// ML.NET-style extension methods on a schema column to read its KeyValues and SlotNames
// annotations (column.GetKeyValues(ref buffer), column.HasKeyValues()). In the root namespace so
// that `using MlNetAttention;` is enough, as `using Microsoft.ML;` is in ML.NET.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Reads a column's KeyValues and SlotNames annotations.</summary>
public static class ColumnAnnotationExtensions
{
    /// <summary>True when the column has a KeyValues annotation whose length matches its key count.</summary>
    public static bool HasKeyValues(this DataViewSchema.Column column)
    {
        var key = column.Type.GetKeyType();
        return key is not null
            && column.GetAnnotationTypeOrNull(AnnotationUtils.Kinds.KeyValues) is VectorDataViewType v
            && (ulong)v.Size == key.Count;
    }

    /// <summary>Reads the KeyValues annotation (the value behind each key, key k at index k - 1).</summary>
    /// <exception cref="InvalidOperationException">The column has no KeyValues of raw type TValue.</exception>
    public static void GetKeyValues<TValue>(this DataViewSchema.Column column, ref VBuffer<TValue> keyValues) =>
        column.Annotations.GetValue(AnnotationUtils.Kinds.KeyValues, ref keyValues);

    /// <summary>True when the column has a text SlotNames annotation of its vector size.</summary>
    public static bool HasSlotNames(this DataViewSchema.Column column) =>
        column.Type is VectorDataViewType { IsKnownSize: true } vector
        && column.GetAnnotationTypeOrNull(AnnotationUtils.Kinds.SlotNames) is VectorDataViewType
        {
            ItemType: TextDataViewType
        } names
        && names.Size == vector.Size;

    /// <summary>Reads the SlotNames annotation.</summary>
    public static void GetSlotNames(this DataViewSchema.Column column, ref VBuffer<ReadOnlyMemory<char>> slotNames) =>
        column.Annotations.GetValue(AnnotationUtils.Kinds.SlotNames, ref slotNames);
}
