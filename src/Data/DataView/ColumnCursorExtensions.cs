// ML.NET's data.GetColumn<T>(name): the values of one column as a lazy sequence, for inspection
// and tests. T is the column's raw type, or the friendly form a data class would use: string for
// text, T[] (or string[]) for vectors. Every value is a fresh copy that stays valid.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Reads one column of a data view as a sequence.</summary>
public static class ColumnCursorExtensions
{
    /// <summary>The values of column <paramref name="columnName"/>, in row order.</summary>
    /// <exception cref="SchemaMismatchException">No such column, or T cannot hold its values.</exception>
    public static IEnumerable<T> GetColumn<T>(this IDataView data, string columnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columnName);
        return data.GetColumn<T>(SchemaErrors.FindColumn(data.Schema, columnName, nameof(GetColumn)));
    }

    /// <summary>The values of <paramref name="column"/>, in row order.</summary>
    public static IEnumerable<T> GetColumn<T>(this IDataView data, DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!PocoConverters.CanReceive(typeof(T), column.Type))
            throw SchemaErrors.WrongType(column.Name, column.Type, TypeNames.Friendly(typeof(T)), nameof(GetColumn));
        return Enumerate<T>(data, column);
    }

    private static IEnumerable<T> Enumerate<T>(IDataView data, DataViewSchema.Column column)
    {
        using var cursor = data.GetRowCursor([column]);
        var read = (Func<object>)GenericMethods.InvokeStatic(typeof(PocoConverters), nameof(PocoConverters.MakeReader), [column.Type.RawType], cursor, column)!;
        var convert = PocoConverters.FromRaw(typeof(T), column.Type);
        while (cursor.MoveNext()) yield return (T)convert(read())!;
    }
}
