// The one place that words schema problems, so every component reports them the same way:
//   Column 'X' not found in the input schema (available: a, b, c)
//   Column 'X' has type Single, but type Text was expected
// Both are SchemaMismatchException, an ArgumentOutOfRangeException (ML.NET's choice for schema
// mismatches) that also carries the column name and types for callers that want to react.
namespace MlNetAttention.Data;

/// <summary>A column is missing or has the wrong type.</summary>
public sealed class SchemaMismatchException : ArgumentOutOfRangeException
{
    /// <summary>The column the problem is about.</summary>
    public string ColumnName { get; }

    /// <summary>What the component needed (null when the column is missing).</summary>
    public string? ExpectedType { get; }

    /// <summary>What the column has (null when the column is missing).</summary>
    public string? ActualType { get; }

    public SchemaMismatchException(string columnName, string? expectedType, string? actualType, string message)
        : base("inputSchema", message)
    {
        ColumnName = columnName;
        ExpectedType = expectedType;
        ActualType = actualType;
    }
}

/// <summary>Builds the schema error messages used throughout the library.</summary>
public static class SchemaErrors
{
    /// <summary>Column 'X' not found in the input schema (available: ...).</summary>
    public static SchemaMismatchException ColumnNotFound(string columnName, IEnumerable<string> availableColumns,
        string? context = null)
    {
        var available = availableColumns.Distinct().ToList();
        string list = available.Count == 0 ? "none" : string.Join(", ", available);
        return new SchemaMismatchException(columnName, null, null,
            $"{Prefix(context)}Column '{columnName}' not found in the input schema (available: {list}).");
    }

    /// <inheritdoc cref="ColumnNotFound(string, IEnumerable{string}, string?)"/>
    public static SchemaMismatchException ColumnNotFound(string columnName, DataViewSchema schema, string? context = null) =>
        ColumnNotFound(columnName, schema.VisibleColumnNames, context);

    /// <inheritdoc cref="ColumnNotFound(string, IEnumerable{string}, string?)"/>
    public static SchemaMismatchException ColumnNotFound(string columnName, SchemaShape shape, string? context = null) =>
        ColumnNotFound(columnName, shape.Select(c => c.Name), context);

    /// <summary>Column 'X' has type T, but type U was expected.</summary>
    public static SchemaMismatchException WrongType(string columnName, string actualType, string expectedType,
        string? context = null) =>
        new(columnName, expectedType, actualType,
            $"{Prefix(context)}Column '{columnName}' has type {actualType}, but type {expectedType} was expected.");

    /// <inheritdoc cref="WrongType(string, string, string, string?)"/>
    public static SchemaMismatchException WrongType(string columnName, DataViewType actualType, string expectedType,
        string? context = null) => WrongType(columnName, actualType.ToString()!, expectedType, context);

    /// <summary>The column exists in <paramref name="schema"/>, or a ColumnNotFound error.</summary>
    public static DataViewSchema.Column FindColumn(DataViewSchema schema, string columnName, string? context = null) =>
        schema.GetColumnOrNull(columnName) ?? throw ColumnNotFound(columnName, schema, context);

    /// <summary>The column exists in <paramref name="shape"/>, or a ColumnNotFound error.</summary>
    public static SchemaShape.Column FindColumn(SchemaShape shape, string columnName, string? context = null) =>
        shape.TryFindColumn(columnName, out var column) ? column : throw ColumnNotFound(columnName, shape, context);

    private static string Prefix(string? context) => string.IsNullOrEmpty(context) ? "" : context + ": ";
}
