// Runs bench/scripts/torch_matmul.py with /usr/bin/python3 to time torch.matmul (OpenBLAS) on the
// same shapes and thread counts as our kernel, in the same benchmark invocation. One Python process
// per thread count, because OpenBLAS reads OPENBLAS_NUM_THREADS when it loads.
using System.Diagnostics;
using System.Globalization;

namespace MlNetAttention.Bench;

internal static class GemmTorchReference
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// GFLOP/s per shape spec for <paramref name="threads"/> threads, or null with a reason when Python,
    /// torch or the script is unavailable.
    /// </summary>
    public static (Dictionary<string, double>? Rates, string? Problem) Measure(IReadOnlyList<GemmShape> shapes, int threads, double minTime, int samples)
    {
        string? script = FindScript();
        if (script is null) return (null, "bench/scripts/torch_matmul.py not found above " + AppContext.BaseDirectory);
        if (!File.Exists(Python)) return (null, $"{Python} not found");

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--threads");
        start.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--min-time");
        start.ArgumentList.Add(minTime.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--samples");
        start.ArgumentList.Add(samples.ToString(CultureInfo.InvariantCulture));
        foreach (var shape in shapes) start.ArgumentList.Add(shape.Spec);
        foreach (var name in new[] { "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS" })
            start.Environment[name] = threads.ToString(CultureInfo.InvariantCulture);

        using var process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        var rates = new Dictionary<string, double>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            string[] parts = line.Split(' ');
            if (parts is ["RESULT", var spec, _, var gflops])
                rates[spec] = double.Parse(gflops, CultureInfo.InvariantCulture);
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string error = stderr.Result.Trim();
            string lastLine = error.Length == 0 ? $"exit code {process.ExitCode}" : error.Split('\n')[^1];
            return (null, $"torch_matmul.py failed: {lastLine}");
        }
        return (rates, null);
    }

    // The repository root is the first ancestor of the executable's folder that holds MlNetAttention.sln.
    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetAttention.sln")))
            {
                string script = Path.Combine(dir.FullName, "bench", "scripts", "torch_matmul.py");
                return File.Exists(script) ? script : null;
            }
        return null;
    }
}
