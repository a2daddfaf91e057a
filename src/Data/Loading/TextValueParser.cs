// Parses one text field into a column value, with ML.NET's conventions: invariant culture; empty
// (or "?") numeric fields are missing values (NaN for floats, 0 for integers); Booleans accept
// true/false, t/f, yes/no, y/n, 1/0, +1/-1 in any case; a key field holds a 0-based value v < count
// and loads as key v + 1 (empty = key 0, missing). A field that does not parse yields an error
// message that the loader prefixes with the file, line and column.
using System.Globalization;
using System.Numerics;

namespace MlNetAttention.Data;

internal static class TextValueParser
{
    /// <summary>Parses a field into a T; returns null on success or the reason for failure.</summary>
    public delegate string? Parser<T>(ReadOnlyMemory<char> field, out T value);

    /// <summary>The parser for items of <paramref name="type"/>, as a Parser&lt;T&gt; of its raw type.</summary>
    public static Delegate For(PrimitiveDataViewType type) => type switch
    {
        TextDataViewType => new Parser<ReadOnlyMemory<char>>(ParseText),
        BooleanDataViewType => new Parser<bool>(ParseBoolean),
        KeyDataViewType key => MakeKeyParser(key.Count),
        _ when type == NumberDataViewType.Single => NumberParser(NumberStyles.Float, float.NaN),
        _ when type == NumberDataViewType.Double => NumberParser(NumberStyles.Float, double.NaN),
        _ when type == NumberDataViewType.Int32 => NumberParser(NumberStyles.Integer, 0),
        _ when type == NumberDataViewType.Int64 => NumberParser(NumberStyles.Integer, 0L),
        _ when type == NumberDataViewType.UInt32 => NumberParser(NumberStyles.Integer, 0u),
        _ => throw new ArgumentException($"Type {type} cannot be loaded from text."),
    };

    private static string? ParseText(ReadOnlyMemory<char> field, out ReadOnlyMemory<char> value)
    {
        value = field; // a slice of the record's own string, which nothing else writes to
        return null;
    }

    private static bool IsMissing(ReadOnlySpan<char> s) => s.IsEmpty || s is "?";

    // Every number type parses the same way: trimmed, invariant culture, missing -> the type's missing
    // value; only the number style and the missing value differ. The message names the type ("Single", "Int32", ...).
    private static Parser<T> NumberParser<T>(NumberStyles styles, T missing)
        where T : INumberBase<T>
    {
        string invalid = $"is not a valid {typeof(T).Name}";
        return (ReadOnlyMemory<char> field, out T value) =>
        {
            var s = field.Span.Trim();
            if (IsMissing(s)) { value = missing; return null; }
            return T.TryParse(s, styles, CultureInfo.InvariantCulture, out value!) ? null : invalid;
        };
    }

    private static string? ParseBoolean(ReadOnlyMemory<char> field, out bool value)
    {
        var s = field.Span.Trim();
        value = false;
        if (IsMissing(s)) return null;
        if (Is(s, "true") || Is(s, "t") || Is(s, "yes") || Is(s, "y") || s is "1" or "+1") { value = true; return null; }
        if (Is(s, "false") || Is(s, "f") || Is(s, "no") || Is(s, "n") || s is "0" or "-1") return null;
        return "is not a valid Boolean (use true/false, yes/no or 1/0)";
    }

    private static bool Is(ReadOnlySpan<char> s, string word) => s.Equals(word, StringComparison.OrdinalIgnoreCase);

    private static Parser<uint> MakeKeyParser(ulong count) =>
        (ReadOnlyMemory<char> field, out uint value) =>
        {
            var s = field.Span.Trim();
            value = 0;
            if (IsMissing(s)) return null;
            if (!ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong raw))
                return "is not a valid key (a non-negative integer)";
            if (raw >= count) return $"is outside the key range 0..{count - 1}";
            value = (uint)(raw + 1);
            return null;
        };
}
