// The reference side of `bench gemm`: a /usr/bin/python3 process running
// bench/scripts/torch_matmul.py, which times torch.matmul (OpenBLAS) with the same protocol as
// GemmTiming. One process per thread count (OpenBLAS reads OPENBLAS_NUM_THREADS when it loads), kept
// alive for the whole benchmark and asked one shape at a time, so that the benchmark can alternate
// between our measurement and torch's and both see the same machine load.
using System.Diagnostics;
using System.Globalization;

namespace MlNetAttention.Bench;

internal sealed class GemmTorchReference : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly int _threads;

    private GemmTorchReference(Process process, int threads)
    {
        _process = process;
        _threads = threads;
    }

    /// <summary>Starts the reference for <paramref name="threads"/> threads, or returns null and the reason it cannot run.</summary>
    public static (GemmTorchReference? Reference, string? Problem) Start(int threads, double minTime, int samples)
    {
        string? script = FindScript();
        if (script is null) return (null, "bench/scripts/torch_matmul.py not found above " + AppContext.BaseDirectory);
        if (!File.Exists(Python)) return (null, $"{Python} not found");

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
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
        foreach (var name in new[] { "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS" })
            start.Environment[name] = threads.ToString(CultureInfo.InvariantCulture);

        var process = Process.Start(start)!;
        string? banner = process.StandardOutput.ReadLine(); // "INFO torch ..." once torch has loaded
        if (banner is null || !banner.StartsWith("INFO", StringComparison.Ordinal))
        {
            process.WaitForExit();
            string error = process.StandardError.ReadToEnd().Trim();
            return (null, "torch_matmul.py failed: " + (error.Length == 0 ? $"exit code {process.ExitCode}" : error.Split('\n')[^1]));
        }
        return (new GemmTorchReference(process, threads), null);
    }

    /// <summary>torch.matmul's median GFLOP/s on <paramref name="shape"/>, or null if the process died.</summary>
    public double? Measure(GemmShape shape)
    {
        _process.StandardInput.WriteLine(shape.Spec);
        _process.StandardInput.Flush();
        string? line = _process.StandardOutput.ReadLine();
        string[] parts = line?.Split(' ') ?? [];
        if (parts is ["RESULT", var spec, var threads, var gflops] && spec == shape.Spec
            && threads == _threads.ToString(CultureInfo.InvariantCulture))
            return double.Parse(gflops, CultureInfo.InvariantCulture);
        return null;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close(); // end of shapes: the script exits
            if (!_process.WaitForExit(10_000)) _process.Kill();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
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
