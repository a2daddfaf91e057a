// Reads any column of any data view into plain .NET values for assertions: text as string,
// numbers/keys/Booleans boxed, vectors as dense object[] (text elements as strings). Values compare
// with Same(), which treats NaN as equal to NaN and compares vectors element by element.
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.TestKit;

/// <summary>Column values as plain objects, and their comparison.</summary>
public static class DataViewValues
{
    /// <summary>All values of the visible column <paramref name="columnName"/>.</summary>
    public static List<object?> ReadColumn(IDataView data, string columnName)
    {
        var column = data.Schema[columnName];
        return ReadColumns(data, [column])[0];
    }

    /// <summary>All values of every visible column, by name, in one pass.</summary>
    public static Dictionary<string, List<object?>> ReadAll(IDataView data)
    {
        var columns = data.Schema.Where(c => !c.IsHidden).ToArray();
        var values = ReadColumns(data, columns);
        return columns.Select((c, i) => (c.Name, values[i])).ToDictionary(p => p.Name, p => p.Item2);
    }

    private static List<object?>[] ReadColumns(IDataView data, DataViewSchema.Column[] columns)
    {
        var result = columns.Select(_ => new List<object?>()).ToArray();
        using var cursor = data.GetRowCursor(columns);
        var readers = columns.Select(c => MakeReader(cursor, c)).ToArray();
        while (cursor.MoveNext())
        {
            for (int i = 0; i < readers.Length; i++) result[i].Add(readers[i]());
        }
        return result;
    }

    /// <summary>A function reading the current value of <paramref name="column"/> as a plain object.</summary>
    public static Func<object?> MakeReader(DataViewRow row, DataViewSchema.Column column)
    {
        var method = typeof(DataViewValues).GetMethod(
            column.Type is VectorDataViewType ? nameof(VectorReader) : nameof(ScalarReader),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var itemType = column.Type is VectorDataViewType v ? v.ItemType.RawType : column.Type.RawType;
        return (Func<object?>)method.MakeGenericMethod(itemType).Invoke(null, [row, column])!;
    }

    /// <summary>The value of annotation <paramref name="kind"/> of a column as a plain object (null if absent).</summary>
    public static object? ReadAnnotation(DataViewSchema.Column column, string kind)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation is null) return null;
        var method = typeof(DataViewValues).GetMethod(nameof(AnnotationValue),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return method.MakeGenericMethod(annotation.Value.Type.RawType).Invoke(null, [column.Annotations, annotation.Value]);
    }

    private static object? AnnotationValue<T>(DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        T value = default!;
        annotations.GetGetter<T>(column)(ref value);
        return Plain(value);
    }

    private static Func<object?> ScalarReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return Plain(value);
        };
    }

    private static Func<object?> VectorReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        VBuffer<T> value = default;
        return () =>
        {
            getter(ref value);
            return Plain(value);
        };
    }

    private static object? Plain(object? value) => value switch
    {
        ReadOnlyMemory<char> text => text.ToString(),
        VBuffer<ReadOnlyMemory<char>> texts => texts.DenseValues().Select(t => (object?)t.ToString()).ToArray(),
        VBuffer<float> v => v.DenseValues().Cast<object?>().ToArray(),
        VBuffer<double> v => v.DenseValues().Cast<object?>().ToArray(),
        VBuffer<int> v => v.DenseValues().Cast<object?>().ToArray(),
        VBuffer<long> v => v.DenseValues().Cast<object?>().ToArray(),
        VBuffer<uint> v => v.DenseValues().Cast<object?>().ToArray(),
        VBuffer<bool> v => v.DenseValues().Cast<object?>().ToArray(),
        _ => value,
    };

    /// <summary>True when two plain values are the same (NaN equals NaN; vectors element-wise).</summary>
    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (float x, float y) => x.Equals(y),
        (double x, double y) => x.Equals(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => Same(p.First, p.Second)),
        _ => Equals(a, b),
    };

    /// <summary>A readable form of a plain value, for assertion messages.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        object?[] items => "[" + string.Join(", ", items.Select(Show)) + "]",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "",
    };
}
