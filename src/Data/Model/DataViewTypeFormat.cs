// Writes a DataViewType as text and parses it back, for model files: "Text", "Single", "Double",
// "Int32", "Int64", "UInt32", "Boolean", "RowId", "Key<UInt32, N>", "Vector<ITEM, d1, d2>" and
// "Vector<ITEM>" (variable length). The text is exactly DataViewType.ToString(), so what a user
// sees in a schema dump is what the file holds.
namespace MlNetAttention.Data;

/// <summary>Text form of column types.</summary>
public static class DataViewTypeFormat
{
    /// <summary>The text form of <paramref name="type"/>.</summary>
    public static string Format(DataViewType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.ToString()!;
    }

    /// <summary>Parses the text form written by <see cref="Format"/>.</summary>
    /// <exception cref="FormatException">The text is not a known type.</exception>
    public static DataViewType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int position = 0;
        var type = ParseType(text, ref position);
        SkipSpaces(text, ref position);
        if (position != text.Length) throw Error(text, $"unexpected '{text[position..]}' after the type");
        return type;
    }

    private static DataViewType ParseType(string text, ref int position)
    {
        string name = ReadName(text, ref position);
        switch (name)
        {
            case "Text": return TextDataViewType.Instance;
            case "Boolean": return BooleanDataViewType.Instance;
            case "RowId": return RowIdDataViewType.Instance;
            case "Single": return NumberDataViewType.Single;
            case "Double": return NumberDataViewType.Double;
            case "Int32": return NumberDataViewType.Int32;
            case "Int64": return NumberDataViewType.Int64;
            case "UInt32": return NumberDataViewType.UInt32;
            case "Key":
            {
                Expect(text, ref position, '<');
                string raw = ReadName(text, ref position);
                if (raw != "UInt32") throw Error(text, $"key raw type '{raw}' is not UInt32");
                Expect(text, ref position, ',');
                ulong count = (ulong)ReadNumber(text, ref position);
                Expect(text, ref position, '>');
                if (count == 0 || count > uint.MaxValue) throw Error(text, $"key count {count} is out of range");
                return new KeyDataViewType(typeof(uint), count);
            }
            case "Vector":
            {
                Expect(text, ref position, '<');
                if (ParseType(text, ref position) is not PrimitiveDataViewType item)
                    throw Error(text, "vector items must be primitive");
                var dims = new List<int>();
                SkipSpaces(text, ref position);
                while (position < text.Length && text[position] == ',')
                {
                    position++;
                    long d = ReadNumber(text, ref position);
                    if (d <= 0 || d > int.MaxValue) throw Error(text, $"vector dimension {d} is out of range");
                    dims.Add((int)d);
                    SkipSpaces(text, ref position);
                }
                Expect(text, ref position, '>');
                return new VectorDataViewType(item, dims.ToArray());
            }
            default:
                throw Error(text, $"unknown type name '{name}'");
        }
    }

    private static string ReadName(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        int start = position;
        while (position < text.Length && char.IsAsciiLetterOrDigit(text[position])) position++;
        if (start == position) throw Error(text, $"expected a type name at position {start}");
        return text[start..position];
    }

    private static long ReadNumber(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        int start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
        if (start == position || !long.TryParse(text.AsSpan(start, position - start), out long value))
            throw Error(text, $"expected a number at position {start}");
        return value;
    }

    private static void Expect(string text, ref int position, char c)
    {
        SkipSpaces(text, ref position);
        if (position >= text.Length || text[position] != c) throw Error(text, $"expected '{c}' at position {position}");
        position++;
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ') position++;
    }

    private static FormatException Error(string text, string what) =>
        new($"'{text}' is not a column type: {what}.");
}
