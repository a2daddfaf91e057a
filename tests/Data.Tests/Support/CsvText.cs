// Writes rows as RFC 4180 CSV for the loader tests: fields that need it (separator, quote, CR, LF)
// are quoted with doubled inner quotes; `quoteAll` quotes every field. Line endings are chosen by
// the caller so the tests cover LF, CRLF and CR.
using System.Text;

namespace MlNetAttention.Data.Tests.Support;

internal static class CsvText
{
    public static string Field(string value, bool quoteAll = false, char separator = ',')
    {
        bool needsQuotes = quoteAll || value.Length == 0 || value.IndexOfAny([separator, '"', '\r', '\n']) >= 0;
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Write(IEnumerable<string[]> rows, string newline = "\n", bool quoteAll = false, char separator = ',')
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(separator, row.Select(f => Field(f, quoteAll, separator))));
            text.Append(newline);
        }
        return text.ToString();
    }
}
