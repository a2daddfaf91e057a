// Test helpers for the tokenizer tests: where the repository and ../shared are, a Fact that skips
// (with the reason) when a shared dataset is absent, and a small RFC 4180 reader for dataset text.
// They live here because the shared TestKit belongs to another part of the tree.
using System.Text;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

internal static class TokenizerTestData
{
    /// <summary>The folder holding MlNetAttention.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetAttention.sln"))) return dir.FullName;
        throw new InvalidOperationException($"MlNetAttention.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>A file of this folder's Fixtures directory (read from the source tree).</summary>
    public static string Fixture(string name) =>
        Path.Combine(RepositoryRoot, "tests", "Transforms.Tests", "Tokenizers", "Fixtures", name);

    /// <summary>../shared/datasets/NAME/FILE relative to the repository root.</summary>
    public static string SharedDataset(string name, string file = "train.csv") =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "datasets", name, file));

    /// <summary>The first <paramref name="maxRows"/> values of the "text" column of a shared dataset.</summary>
    public static List<string> ReadTexts(string dataset, int maxRows, string file = "train.csv")
    {
        var rows = ParseCsv(File.ReadAllText(SharedDataset(dataset, file), Encoding.UTF8));
        int column = rows[0].IndexOf("text");
        if (column < 0) throw new InvalidDataException($"{dataset}/{file} has no 'text' column.");
        return rows.Skip(1).Where(r => r.Count > column).Select(r => r[column]).Take(maxRows).ToList();
    }

    private static List<List<string>> ParseCsv(string s)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, atStart = true;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < s.Length && s[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            if (c == '"' && atStart) { quoted = true; atStart = false; continue; }
            if (c == ',') { row.Add(field.ToString()); field.Clear(); atStart = true; continue; }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; atStart = true;
                continue;
            }
            field.Append(c);
            atStart = false;
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}

/// <summary>A fact that is skipped, saying why, when ../shared/datasets/NAME is absent.</summary>
public sealed class SharedDatasetFactAttribute : FactAttribute
{
    public SharedDatasetFactAttribute(string dataset)
    {
        string path;
        try { path = TokenizerTestData.SharedDataset(dataset); }
        catch (InvalidOperationException e) { Skip = e.Message; return; }
        if (!File.Exists(path)) Skip = $"Shared dataset '{dataset}' not found at {path} (../shared is absent).";
    }
}
