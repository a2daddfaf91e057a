// Locates the repository root (the folder holding MlNetAttention.sln, found by walking up from the
// test assembly) and the folders tests read: this project's Fixtures and the shared data at ../shared.
namespace MlNetAttention.Neural.Tests.TestSupport;

internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlNetAttention.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"MlNetAttention.sln not found above {AppContext.BaseDirectory}.");
    });

    public static string RepositoryRoot => Root.Value;

    /// <summary>tests/Neural.Tests/Fixtures: the committed PyTorch golden fixtures.</summary>
    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "Neural.Tests", "Fixtures");

    /// <summary>../shared relative to the repository root (datasets, anchors); may not exist.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
}
