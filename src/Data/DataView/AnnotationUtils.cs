// Helpers for the two annotation kinds this library uses, as ML.NET's AnnotationUtils:
// KeyValues (the original value behind each key) and SlotNames (a name per vector element).
namespace MlNetAttention.Data;

/// <summary>Annotation kinds and helpers to read them.</summary>
public static class AnnotationUtils
{
    /// <summary>Well-known annotation kinds.</summary>
    public static class Kinds
    {
        /// <summary>On a key column: a vector of length Count; key k stands for element k - 1.</summary>
        public const string KeyValues = "KeyValues";

        /// <summary>On a fixed-size vector column: a text vector naming each element.</summary>
        public const string SlotNames = "SlotNames";
    }

    /// <summary>True when the column carries an annotation of <paramref name="kind"/>.</summary>
    public static bool HasAnnotation(this DataViewSchema.Column column, string kind) =>
        column.Annotations.Schema.GetColumnOrNull(kind) is not null;

    /// <summary>The type of the column's annotation of <paramref name="kind"/>, or null.</summary>
    public static DataViewType? GetAnnotationTypeOrNull(this DataViewSchema.Column column, string kind) =>
        column.Annotations.Schema.GetColumnOrNull(kind)?.Type;

    /// <summary>The item type of a key or vector-of-keys column, or null if it holds no keys.</summary>
    public static KeyDataViewType? GetKeyType(this DataViewType type) => type switch
    {
        KeyDataViewType key => key,
        VectorDataViewType { ItemType: KeyDataViewType key } => key,
        _ => null,
    };

    /// <summary>The item type of a column: its own type for scalars, the element type for vectors.</summary>
    public static PrimitiveDataViewType GetItemType(this DataViewType type) => type switch
    {
        VectorDataViewType vector => vector.ItemType,
        PrimitiveDataViewType primitive => primitive,
        _ => throw new ArgumentException($"Type {type} has no item type.", nameof(type)),
    };
}
