// `torch-gemm`: GFLOP/s of our SGEMM against torch.matmul in libtorch 2.10 (TorchSharp, in process)
// on the dense products of a training step at the MiniLM shape (B·T = 4096 rows, d 384, FFN 1536)
// and at d128 (8192 rows, d 128, FFN 512), forward, dX (NT) and dW (TN) as the engine calls them.
// The profile behind torch-side: a step is mostly these products, so where the engine's lead over
// TorchSharp shrinks, this says whether the GEMM is why. Interleaved slices, best of 3 each, timed
// by the process's CPU time (steadier than wall time on a shared machine).
// Usage: torch-gemm [--threads 1]
using System.Diagnostics;
using System.Globalization;
using MlNetAttention.Neural.Kernels;
using static TorchSharp.torch;

namespace MlNetAttention.Bench;

public sealed class TorchGemmBenchmark : IBenchmark
{
    public string Name => "torch-gemm";

    public string Description => "GFLOP/s of our SGEMM vs torch.matmul (libtorch in process) at the MiniLM and d128 step shapes";

    private static readonly GemmShape[] Shapes =
    [
        new("minilm qkv fwd", 4096, 1152, 384, Transpose.No, Transpose.Yes),
        new("minilm ffn-up fwd", 4096, 1536, 384, Transpose.No, Transpose.Yes),
        new("minilm ffn-down fwd", 4096, 384, 1536, Transpose.No, Transpose.Yes),
        new("minilm ffn-up dX", 4096, 384, 1536, Transpose.No, Transpose.No),
        new("minilm ffn-up dW", 1536, 384, 4096, Transpose.Yes, Transpose.No),
        new("minilm scores Q·Kᵀ", 128, 128, 32, Transpose.No, Transpose.Yes, 384),
        new("d128 ffn-up fwd", 8192, 512, 128, Transpose.No, Transpose.Yes),
        new("d128 ffn-up dW", 512, 128, 8192, Transpose.Yes, Transpose.No),
    ];

    public int Run(string[] args)
    {
        string policy = OpenMpEnvironment.EnsurePassiveWait();
        int i = Array.IndexOf(args, "--threads");
        int threads = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 1;
        set_num_threads(threads);
        Console.WriteLine($"torch-gemm: {threads} thread(s), OMP_WAIT_POLICY={policy}, load {BenchEnvironment.LoadAverage()}");
        Console.WriteLine("| product | M×N×K | ours GFLOP/s | torch GFLOP/s | ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (GemmShape s in Shapes)
        {
            int aRows = s.TransA == Transpose.No ? s.M : s.K, aCols = s.TransA == Transpose.No ? s.K : s.M;
            int bRows = s.TransB == Transpose.No ? s.K : s.N, bCols = s.TransB == Transpose.No ? s.N : s.K;
            var rng = new Random(42);
            float[] a = Enumerable.Range(0, aRows * aCols * s.Batch).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
            float[] b = Enumerable.Range(0, bRows * bCols * s.Batch).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
            float[] c = new float[s.M * s.N * s.Batch];
            using var ta = tensor(a, [s.Batch, aRows, aCols]);
            using var tb = tensor(b, [s.Batch, bRows, bCols]);
            using var opA = s.TransA == Transpose.Yes ? ta.transpose(1, 2) : ta.alias();
            using var opB = s.TransB == Transpose.Yes ? tb.transpose(1, 2) : tb.alias();
            void Ours()
            {
                for (int k = 0; k < s.Batch; k++)
                    Gemm.Sgemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a.AsSpan(k * aRows * aCols), aCols, b.AsSpan(k * bRows * bCols), bCols,
                        0f, c.AsSpan(k * s.M * s.N), s.N, threads);
            }
            void Torch()
            {
                using var r = opA.matmul(opB);
            }
            Ours();
            Torch();
            double ours = 0, torchRate = 0;
            for (int round = 0; round < 3; round++)
            {
                ours = Math.Max(ours, GflopsPerCpuSecond(s, Ours));
                torchRate = Math.Max(torchRate, GflopsPerCpuSecond(s, Torch));
            }
            Console.WriteLine($"| {s.Name} | {s.Label} | {ours:F1} | {torchRate:F1} | {ours / torchRate:F2}x |");
        }
        return 0;
    }

    /// <summary>GFLOP per CPU-second of the process over repeats lasting at least 0.3 s of CPU time.</summary>
    private static double GflopsPerCpuSecond(GemmShape s, Action run)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan before = process.TotalProcessorTime;
        int repeats = 0;
        double cpu;
        do
        {
            run();
            repeats++;
            process.Refresh();
            cpu = (process.TotalProcessorTime - before).TotalSeconds;
        } while (cpu < 0.3);
        return s.Flops * repeats / cpu / 1e9;
    }
}
