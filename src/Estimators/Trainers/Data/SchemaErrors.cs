// The one place that words the trainer's schema problems, so the trainer and the transformer report
// them the same way, as ML.NET's own components do (an ArgumentOutOfRangeException for parameter
// "inputSchema", ML.NET's choice for schema mismatches):
//   AttentionTextClassification: Column 'X' not found in the input schema (available: a, b, c).
//   AttentionTextClassification: Column 'X' has type Single, but type Text was expected.
namespace MlNetAttention.Trainers;

internal static class SchemaErrors
{
    public static ArgumentOutOfRangeException ColumnNotFound(string columnName, IEnumerable<string> availableColumns, string context)
    {
        var available = availableColumns.Distinct().ToList();
        string list = available.Count == 0 ? "none" : string.Join(", ", available);
        return new ArgumentOutOfRangeException("inputSchema",
            $"{context}: Column '{columnName}' not found in the input schema (available: {list}).");
    }

    public static ArgumentOutOfRangeException WrongType(string columnName, string actualType, string expectedType, string context) =>
        new("inputSchema", $"{context}: Column '{columnName}' has type {actualType}, but type {expectedType} was expected.");

    public static ArgumentOutOfRangeException WrongType(string columnName, DataViewType actualType, string expectedType, string context) =>
        WrongType(columnName, actualType.ToString()!, expectedType, context);

    /// <summary>The visible column <paramref name="columnName"/> of <paramref name="schema"/>, or a ColumnNotFound error.</summary>
    public static DataViewSchema.Column FindColumn(DataViewSchema schema, string columnName, string context) =>
        schema.GetColumnOrNull(columnName)
        ?? throw ColumnNotFound(columnName, schema.Where(c => !c.IsHidden).Select(c => c.Name), context);

    /// <summary>The column <paramref name="columnName"/> of <paramref name="shape"/>, or a ColumnNotFound error.</summary>
    public static SchemaShape.Column FindColumn(SchemaShape shape, string columnName, string context) =>
        shape.TryFindColumn(columnName, out var column) ? column : throw ColumnNotFound(columnName, shape.Select(c => c.Name), context);

    /// <summary>A shape's type as ML.NET would print the column's type ("Text", "Key", "Vector&lt;Single&gt;").</summary>
    public static string TypeOf(SchemaShape.Column column)
    {
        string item = column.IsKey ? "Key" : column.ItemType.ToString()!;
        return column.Kind == SchemaShape.Column.VectorKind.Scalar ? item : $"Vector<{item}>";
    }
}
