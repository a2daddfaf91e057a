// Reads a CSV file back with the library's own TextLoader (RFC 4180), every column as text, so the
// tests check the CLI's output with the same reader the CLI uses for its input.
using MlNetAttention.Data;

namespace MlNetAttention.Cli.Tests.Support;

public static class CsvReading
{
    /// <summary>(header, rows) of <paramref name="path"/>.</summary>
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        string[] header = TextLoader.ReadHeader(path);
        var context = new MLContext(seed: 0);
        var columns = header.Select((name, i) => new TextLoader.Column($"c{i}", DataKind.String, i)).ToArray();
        var data = context.Data.LoadFromTextFile(path, columns, separatorChar: ',', hasHeader: true, allowQuoting: true);
        var rows = new List<string[]>();
        using var cursor = data.GetRowCursor(data.Schema);
        var getters = data.Schema.Select(c => cursor.GetGetter<ReadOnlyMemory<char>>(c)).ToArray();
        ReadOnlyMemory<char> value = default;
        while (cursor.MoveNext())
        {
            var row = new string[getters.Length];
            for (int i = 0; i < getters.Length; i++)
            {
                getters[i](ref value);
                row[i] = value.ToString();
            }
            rows.Add(row);
        }
        return (header, rows);
    }
}
