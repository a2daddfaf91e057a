// `bench gemm`: our SGEMM's GFLOP/s on every GEMM shape of the reference model, single-threaded and
// on all cores (at most nproc), side by side with torch.matmul (OpenBLAS) measured in the same
// invocation, and the ratio ours/torch. The issue's target is ratio ≥ 0.5; the training-speed goal
// (≥ 2× PyTorch tokens/s) wants well above 1.
//
// Protocol: for each shape and thread count, ours then torch, back to back (torch runs in a
// long-lived Python process per thread count, see GemmTorchReference), each reporting the median
// of its samples.
// Options: --rounds R   repeat the whole comparison R times and keep each side's best median
//                       (use on a shared, noisy machine; both sides get the same treatment)
//          --min-time S seconds per sample (default 0.05); --samples N (default 7)
//          --only TEXT  only the shapes whose name contains TEXT; --no-torch  skip the reference
//          --threshold  instead, measure where multithreading starts to pay (GemmThresholdStudy)
using System.Globalization;

namespace MlNetAttention.Bench;

public sealed class GemmBenchmark : IBenchmark
{
    public string Name => "gemm";

    public string Description => "SGEMM GFLOP/s on the model's shapes, ours vs torch.matmul (OpenBLAS), 1 and all threads";

    public int Run(string[] args)
    {
        int rounds = 1, samples = 7;
        double minTime = 0.05;
        string? only = null;
        bool withTorch = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--samples": samples = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--min-time": minTime = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--only": only = args[++i]; break;
                case "--no-torch": withTorch = false; break;
                case "--threshold": return GemmThresholdStudy.Run(minTime, samples);
                default:
                    Console.Error.WriteLine($"gemm: unknown option '{args[i]}' (known: --rounds N, --samples N, --min-time S, --only TEXT, --no-torch, --threshold)");
                    return 1;
            }
        }
        if (rounds < 1 || samples < 1 || minTime <= 0)
        {
            Console.Error.WriteLine("gemm: --rounds and --samples must be ≥ 1 and --min-time > 0");
            return 1;
        }

        IReadOnlyList<GemmShape> shapes = GemmShape.Model.Where(s => only is null || s.Name.Contains(only, StringComparison.Ordinal)).ToList();
        int[] threadCounts = Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];
        var ours = new Dictionary<(string, int), double>();
        var torch = new Dictionary<(string, int), double>();
        string? torchProblem = withTorch ? null : "skipped (--no-torch)";
        Console.WriteLine($"kernel {MlNetAttention.Neural.Kernels.Gemm.BestKernel}, {Environment.ProcessorCount} logical cores, " +
                          $"{rounds} round(s) of median-of-{samples} samples ≥ {minTime}s, ours and torch alternating per shape; " +
                          $"machine load average {BenchEnvironment.LoadAverage()}");

        var references = new Dictionary<int, GemmTorchReference>();
        try
        {
            foreach (int threads in withTorch ? threadCounts : [])
            {
                var (reference, problem) = GemmTorchReference.Start(threads, minTime, samples);
                if (reference is null) { torchProblem = problem; break; }
                references[threads] = reference;
            }
            if (torchProblem is not null) references.Clear();

            // Each round measures every (shape, threads) pair on both sides back to back; each side
            // keeps its best round, so a burst of load from other processes hurts neither side more.
            for (int round = 0; round < rounds; round++)
            {
                foreach (var shape in shapes)
                {
                    var timing = new GemmTiming(shape);
                    foreach (int threads in threadCounts)
                    {
                        KeepBest(ours, (shape.Spec, threads), timing.Measure(threads, minTime, samples));
                        if (references.TryGetValue(threads, out var reference))
                        {
                            double? rate = reference.Measure(shape);
                            if (rate is null) torchProblem ??= $"torch_matmul.py ({threads} threads) stopped answering";
                            else KeepBest(torch, (shape.Spec, threads), rate.Value);
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var reference in references.Values) reference.Dispose();
        }

        PrintTable(shapes, threadCounts, ours, torch);
        if (torchProblem is not null) Console.WriteLine($"reference unavailable: {torchProblem}");
        Console.WriteLine($"load average after: {BenchEnvironment.LoadAverage()}");
        return 0;
    }

    private static void KeepBest(Dictionary<(string, int), double> best, (string, int) key, double rate)
    {
        if (!best.TryGetValue(key, out double old) || rate > old) best[key] = rate;
    }

    private static void PrintTable(IReadOnlyList<GemmShape> shapes, int[] threadCounts,
        Dictionary<(string, int), double> ours, Dictionary<(string, int), double> torch)
    {
        var header = $"{"op",-18} {"M x N x K  op",-24}";
        foreach (int t in threadCounts) header += $" | {$"ours {t}T",9} {$"torch {t}T",9} {"ratio",6}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        var logRatios = threadCounts.ToDictionary(t => t, _ => new List<double>());
        foreach (var shape in shapes)
        {
            var line = $"{shape.Name,-18} {shape.Label,-24}";
            foreach (int t in threadCounts)
            {
                double o = ours[(shape.Spec, t)];
                bool hasTorch = torch.TryGetValue((shape.Spec, t), out double r);
                line += $" | {o,9:F1} {(hasTorch ? r.ToString("F1", CultureInfo.InvariantCulture) : "n/a"),9} {(hasTorch ? (o / r).ToString("F2", CultureInfo.InvariantCulture) : ""),6}";
                if (hasTorch) logRatios[t].Add(Math.Log(o / r));
            }
            Console.WriteLine(line);
        }
        foreach (int t in threadCounts)
            if (logRatios[t].Count > 0)
                Console.WriteLine($"{t} thread(s): geometric-mean ratio ours/torch {Math.Exp(logRatios[t].Average()):F2}, " +
                                  $"min {Math.Exp(logRatios[t].Min()):F2} (GFLOP/s; ratio > 1 means ours is faster)");
    }

}
