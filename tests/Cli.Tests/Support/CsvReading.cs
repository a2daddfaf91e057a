// Reads a CSV file back with the command line's own strict RFC 4180 reader (CsvDataset, an ML.NET
// IDataView of text columns), every column as text, so the tests check the CLI's output with the same
// reader the CLI uses for its input.
using MlNetAttention.Cli.Data;

namespace MlNetAttention.Cli.Tests.Support;

public static class CsvReading
{
    /// <summary>(header, rows) of <paramref name="path"/>.</summary>
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        var dataset = CsvDataset.Open(path, "--dataset");
        var data = dataset.LoadAll();
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
        return ([.. dataset.Header], rows);
    }
}
