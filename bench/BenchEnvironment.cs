// What every benchmark reads about where and how it runs: the shared folder beside the repository
// (datasets, anchors) and the machine's load average, printed with timings so a loaded machine shows.
namespace MlNetAttention.Bench;

internal static class BenchEnvironment
{
    /// <summary>../shared beside the repository (found from the binary's folder, else the current folder).</summary>
    public static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlNetAttention.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        }
        return Path.GetFullPath(Path.Combine(Environment.CurrentDirectory, "..", "shared"));
    }

    /// <summary>The 1-minute load average, or "unknown" where /proc/loadavg cannot be read.</summary>
    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }
}
