// A CSV file the command reads: header row, comma separator, RFC 4180 quoting (the layout of the
// datasets: `label,text`). Opening it reads only the header, so a missing column is reported, with the
// columns that do exist, before any real work starts. Columns load as ML.NET text columns under names
// the caller chooses, through CsvDataView (streaming and strict: a malformed row surfaces as an
// InvalidDataException naming the file, the line and the column).
namespace MlNetAttention.Cli.Data;

/// <summary>The header of a CSV file and ways to load its columns.</summary>
internal sealed class CsvDataset
{
    private CsvDataset(string path, string[] header)
    {
        Path = path;
        Header = header;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The column names of the header row, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Reads the header of <paramref name="path"/>; <paramref name="flag"/> names the option that gave it.</summary>
    /// <exception cref="CliException">The file does not exist, or has no header row.</exception>
    public static CsvDataset Open(string path, string flag)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw CliException.Failure($"{flag} '{path}' is a folder, not a CSV file.");
        if (!File.Exists(full)) throw CliException.Failure($"{flag}: file '{path}' does not exist.");
        string[] header = ReadHeader(full);
        if (header.Length == 0) throw CliException.Failure($"{flag}: file '{path}' is empty (a header row such as 'label,text' is expected).");
        return new CsvDataset(full, header);
    }

    /// <summary>The index of <paramref name="name"/> in the header (the first one when repeated).</summary>
    /// <exception cref="CliException">Not in the header: a usage error listing the columns that are.</exception>
    public int RequireColumn(string name, string flag)
    {
        int index = IndexOf(name);
        if (index < 0)
            throw CliException.Usage(
                $"{flag}: column '{name}' not found in '{Path}'; available columns: {string.Join(", ", Header.Select(Quote))}.");
        return index;
    }

    /// <summary>The index of <paramref name="name"/> in the header, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>The text column: <paramref name="textColumn"/> when given, else the single column other than
    /// <paramref name="labelColumn"/>.</summary>
    /// <exception cref="CliException">The column is missing, or it was not given and there is no single other column.</exception>
    public string ResolveTextColumn(string? textColumn, string labelColumn)
    {
        if (textColumn is not null)
        {
            RequireColumn(textColumn, "--text-col");
            if (textColumn == labelColumn)
                throw CliException.Usage($"--text-col '{textColumn}' is also the label column; choose another column.");
            return textColumn;
        }
        var others = Header.Where(h => h != labelColumn).Distinct().ToList();
        if (others.Count == 1) return others[0];
        throw CliException.Usage(others.Count == 0
            ? $"'{Path}' has no column besides the label column '{labelColumn}'; a text column is needed."
            : $"'{Path}' has {others.Count} columns besides the label; name the text column with --text-col " +
              $"(available: {string.Join(", ", others.Select(Quote))}).");
    }

    /// <summary>A lazy, streaming, strict view of the file: each (name, header index) pair becomes a text column.</summary>
    public IDataView Load(IEnumerable<(string Name, int Index)> columns) => new CsvDataView(Path, Header, columns.ToList());

    /// <summary>Every column of the file, under its header name.</summary>
    public IDataView LoadAll() => Load(Header.Select((name, index) => (name, index)));

    /// <summary>The names of the header row; empty for an empty file.</summary>
    /// <exception cref="InvalidDataException">The header row is malformed (names the file and line).</exception>
    private static string[] ReadHeader(string path)
    {
        using var reader = CsvRecordReader.Open(path);
        try
        {
            if (!reader.ReadRecord()) return [];
        }
        catch (CsvFormatException e)
        {
            throw new InvalidDataException($"File '{path}', line {e.Line} (header): {e.Message}.", e);
        }
        return Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray();
    }

    private static string Quote(string name) => $"'{name}'";
}
