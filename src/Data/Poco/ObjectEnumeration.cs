// CreateEnumerable's engine: reads a data view row by row into data-class objects. Each mapped
// member must find a column of a compatible type (else a SchemaMismatchException naming it, or the
// member is left at its default with ignoreMissingColumns). With reuseRowObject one object is
// refilled per row, as in ML.NET (cheaper, but the caller must copy what it keeps).
namespace MlNetAttention.Data;

internal static class ObjectEnumeration
{
    /// <summary>The members of TRow paired with the columns of <paramref name="schema"/> they read.</summary>
    public static List<(PocoMember Member, DataViewSchema.Column Column)> Bind<TRow>(DataViewSchema schema, bool ignoreMissingColumns)
    {
        string context = $"reading rows as {typeof(TRow).Name}";
        var bound = new List<(PocoMember, DataViewSchema.Column)>();
        foreach (var member in PocoMember.Of(typeof(TRow)))
        {
            if (schema.GetColumnOrNull(member.ColumnName) is not { } column)
            {
                if (ignoreMissingColumns) continue;
                throw SchemaErrors.ColumnNotFound(member.ColumnName, schema, context);
            }
            if (!PocoConverters.CanReceive(member.MemberType, column.Type))
            {
                throw SchemaErrors.WrongType(column.Name, column.Type,
                    $"{TypeNames.Friendly(member.MemberType)} (member {member})", context);
            }
            bound.Add((member, column));
        }
        return bound;
    }

    public static IEnumerable<TRow> Enumerate<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns)
        where TRow : class, new()
    {
        // Bind before the iterator starts so schema errors surface at the call, not at the first MoveNext.
        var bound = Bind<TRow>(data.Schema, ignoreMissingColumns);
        return EnumerateCore<TRow>(data, bound, reuseRowObject);
    }

    private static IEnumerable<TRow> EnumerateCore<TRow>(IDataView data,
        List<(PocoMember Member, DataViewSchema.Column Column)> bound, bool reuseRowObject) where TRow : class, new()
    {
        using var cursor = data.GetRowCursor(bound.Select(b => b.Column));
        var setters = bound.Select(b => PocoConverters.MakeSetter(b.Member, cursor, b.Column)).ToArray();
        TRow? reused = null;
        while (cursor.MoveNext())
        {
            var row = reuseRowObject ? reused ??= new TRow() : new TRow();
            foreach (var set in setters) set(row);
            yield return row;
        }
    }
}
