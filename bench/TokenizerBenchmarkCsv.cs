// A minimal RFC 4180 reader for the tokenizer benchmark: returns one named column of a CSV file with
// a header row (quoted fields, doubled quotes, line breaks inside quotes). The data layer's
// TextLoader is not available to the tokenizer work yet; this reader exists only for the benchmark.
using System.Text;

namespace MlNetAttention.Bench;

internal static class CsvTextColumn
{
    public static List<string> Read(string path, string columnName)
    {
        string content = File.ReadAllText(path, Encoding.UTF8);
        var rows = Parse(content);
        if (rows.Count == 0) throw new InvalidDataException($"{path} is empty.");
        int column = rows[0].IndexOf(columnName);
        if (column < 0) throw new InvalidDataException($"{path} has no column '{columnName}'; header: {string.Join(",", rows[0])}.");
        return rows.Skip(1).Where(r => r.Count > column).Select(r => r[column]).ToList();
    }

    private static List<List<string>> Parse(string s)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        bool atFieldStart = true;
        while (i < s.Length)
        {
            char c = s[i];
            if (atFieldStart && c == '"')
            {
                i++;
                while (i < s.Length)
                {
                    if (s[i] == '"')
                    {
                        if (i + 1 < s.Length && s[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(s[i++]);
                }
                atFieldStart = false;
                continue;
            }
            if (c == ',') { row.Add(field.ToString()); field.Clear(); atFieldStart = true; i++; continue; }
            if (c == '\r' || c == '\n')
            {
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                atFieldStart = true;
                continue;
            }
            field.Append(c);
            atFieldStart = false;
            i++;
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
