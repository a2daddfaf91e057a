// A CSV file the command reads: header row, comma separator, RFC 4180 quoting (the layout of the
// datasets: `label,text`). Opening it reads only the header, so a missing column is reported, with the
// columns that do exist, before any real work starts. Columns load as text (DataKind.String) under
// names the caller chooses, through the library's streaming TextLoader; a malformed row later surfaces
// as the loader's InvalidDataException, which names the file, the line and the column.
using MlNetAttention.Data;

namespace MlNetAttention.Cli.Data;

/// <summary>The header of a CSV file and ways to load its columns.</summary>
internal sealed class CsvDataset
{
    public const char Separator = ',';

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
        string[] header = TextLoader.ReadHeader(full, Separator, allowQuoting: true);
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

    /// <summary>A lazy, streaming view of the file: each (name, header index) pair becomes a text column.</summary>
    public IDataView Load(MLContext context, IEnumerable<(string Name, int Index)> columns)
    {
        var loaded = columns.Select(c => new TextLoader.Column(c.Name, DataKind.String, c.Index)).ToArray();
        return context.Data.LoadFromTextFile(Path, loaded, Separator, hasHeader: true, allowQuoting: true);
    }

    /// <summary>Every column of the file, under its header name.</summary>
    public IDataView LoadAll(MLContext context) => Load(context, Header.Select((name, index) => (name, index)));

    private static string Quote(string name) => $"'{name}'";
}
