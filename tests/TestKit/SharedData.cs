// Finds the repository root (the folder holding MlNetAttention.sln, walking up from the test
// binaries) and the shared datasets beside it (../shared/datasets), which are not part of the
// repository: tests that need them skip with a clear message when they are absent.
namespace MlNetAttention.TestKit;

/// <summary>Paths to the repository and the shared datasets.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder holding MlNetAttention.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>../shared relative to the repository root (may not exist).</summary>
    public static string SharedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>../shared/datasets (may not exist).</summary>
    public static string DatasetsDirectory => Path.Combine(SharedDirectory, "datasets");

    /// <summary>The path of a file under ../shared/datasets, e.g. DatasetFile("imdb/train.csv").</summary>
    public static string DatasetFile(string relativePath) =>
        Path.Combine(DatasetsDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Null when every listed dataset file exists, else why a test needing them must skip.</summary>
    public static string? SkipReason(params string[] datasetFiles)
    {
        if (!Directory.Exists(DatasetsDirectory))
            return $"Shared datasets not found at {DatasetsDirectory} (../shared is absent from this checkout).";
        var missing = datasetFiles.Where(f => !File.Exists(DatasetFile(f))).ToList();
        return missing.Count == 0 ? null : $"Shared dataset file(s) missing under {DatasetsDirectory}: {string.Join(", ", missing)}.";
    }

    /// <summary>The column names of a dataset file's header line (the shared files' headers are plain,
    /// unquoted names separated by commas).</summary>
    public static string[] ReadHeader(string path)
    {
        using var reader = new StreamReader(path);
        return (reader.ReadLine() ?? "").Split(',');
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MlNetAttention.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException(
            $"MlNetAttention.sln not found in {AppContext.BaseDirectory} or any parent folder; run the tests from the repository.");
    }
}
