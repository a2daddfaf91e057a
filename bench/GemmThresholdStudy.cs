// `bench gemm --threshold`: where does splitting one GEMM over threads start to pay? Prints, for
// growing problem sizes, GFLOP/s on one thread and on all threads with the serial threshold
// disabled, and the per-call cost of dispatching an (almost) empty loop with WorkerPool.For versus
// Parallel.For — the measurements behind Gemm.ParallelMinMacs and the choice of WorkerPool.
// Each figure is the BEST of its samples, and the two sides are sampled alternately: on a machine
// shared with other work, the best sample is the closest to what the code costs on idle cores.
using System.Diagnostics;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Bench;

internal static class GemmThresholdStudy
{
    public static int Run(double minTime, int samples)
    {
        int threads = Environment.ProcessorCount;
        Console.WriteLine($"{threads} logical cores, load average {BenchEnvironment.LoadAverage()}");
        Console.WriteLine("dispatch cost of one parallel loop of `count` trivial iterations (best µs per call):");
        foreach (int count in new[] { 2, 8, 64 })
            Console.WriteLine($"  count {count,3}: WorkerPool.For {DispatchMicros(count, pool: true),7:F2} µs   Parallel.For {DispatchMicros(count, pool: false),7:F2} µs");

        Console.WriteLine($"\n{"M x N x K",-18} {"MACs",10} | {"1 thread",9} {$"{threads} threads",10} (best GFLOP/s, parallel forced)");
        var sizes = new List<(int M, int N, int K)>
        {
            (16, 16, 16), (32, 32, 32), (48, 48, 48), (64, 64, 64), (96, 96, 96), (128, 128, 64), (128, 128, 128),
            (192, 192, 192), (256, 256, 256), (128, 128, 32), (128, 32, 128), (512, 128, 128), (1024, 128, 128),
        };
        foreach (var (M, N, K) in sizes)
        {
            double one = 0, all = 0;
            for (int s = 0; s < samples; s++)
            {
                one = Math.Max(one, Rate(M, N, K, 1, minTime));
                all = Math.Max(all, Rate(M, N, K, threads, minTime));
            }
            Console.WriteLine($"{$"{M}x{N}x{K}",-18} {(long)M * N * K,10} | {one,9:F1} {all,10:F1}  {(all > one ? "parallel wins" : "serial wins")}");
        }
        Console.WriteLine($"current Gemm.ParallelMinMacs = {Gemm.ParallelMinMacs}");
        return 0;
    }

    private static double Rate(int M, int N, int K, int threads, double minTime)
    {
        var rng = new Random(1);
        float[] a = new float[M * K], b = new float[K * N], c = new float[M * N];
        for (int i = 0; i < a.Length; i++) a[i] = (float)rng.NextDouble();
        for (int i = 0; i < b.Length; i++) b[i] = (float)rng.NextDouble();
        void Once() => Gemm.Run(Gemm.BestKernel, Transpose.No, Transpose.No, M, N, K, 1f, a, K, b, N, 0f, c, N, threads, parallelMinMacs: 0);
        double seconds = BestSeconds(Once, minTime, 3);
        return 2.0 * M * N * K / seconds / 1e9;
    }

    private static double DispatchMicros(int count, bool pool)
    {
        var sink = new int[64 * 16];
        void Once()
        {
            if (pool)
            {
                var body = new TouchBody(sink);
                WorkerPool.Shared.For(count, 0, ref body);
            }
            else
            {
                Parallel.For(0, count, i => sink[i * 16]++);
            }
        }
        return BestSeconds(Once, 0.05, 7) * 1e6;
    }

    private readonly struct TouchBody(int[] sink) : IParallelBody
    {
        public void Execute(int index) => sink[index * 16]++; // one cache line per index
    }

    // Best (lowest) seconds of one call of `action` over `samples` samples, each averaging enough
    // calls to last minTime.
    private static double BestSeconds(Action action, double minTime, int samples)
    {
        for (int i = 0; i < 5; i++) action();
        int calls = 1;
        while (TimeCalls(action, calls) < minTime) calls *= 2;
        var seconds = new double[samples];
        for (int s = 0; s < samples; s++) seconds[s] = TimeCalls(action, calls) / calls;
        return seconds.Min();
    }

    private static double TimeCalls(Action action, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++) action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
