// `torch-side`: training and inference tokens/s of our engine against the same model in TorchSharp
// (libtorch 2.10, TorchSharpClassifier), in one process on the same batches, with the same initial
// weights, at two shapes:
//   d128    the reference configuration (d 128, 2 layers, 4 heads, FFN 512, 4 hops, batch 64, rows of
//           ag_news cut to 128 tokens: the train-step benchmark's shape; libtorch pads each batch to
//           its longest row, the engine skips pads, and both count real tokens)
//   minilm  the MiniLM shape (6 layers, d 384, 12 heads, FFN 1536, batch 32, every row 128 tokens,
//           random ids over a 30,522 vocabulary: no padding, so both do the same arithmetic)
//   minilm-text  the MiniLM model on d128's ag_news batches (32 rows cut to 128 tokens, padded by
//           libtorch to the batch's longest): what padding is worth at that width (not in the default list)
// each with 1 and 2 threads and with dropout on (0.1 at attention, residual and FFN sites) and off.
// A training step is forward + backward + clipping + AdamW on both sides; inference is a forward
// without dropout or autograd. OMP_WAIT_POLICY=PASSIVE (unless set) so that libtorch's idle threads
// sleep; the two sides are measured in alternating slices and each keeps its best (Interleaved), and
// the load average is printed with every row, since the machine is shared.
// Usage: torch-side [--shapes d128,minilm] [--threads 1,2] [--seconds 6] [--dataset ag_news]
using System.Diagnostics;
using System.Globalization;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Bench;

public sealed class TorchSideBySideBenchmark : IBenchmark
{
    public string Name => "torch-side";

    public string Description => "training and inference tokens/s vs the same model in TorchSharp (d128, MiniLM shape)";

    private sealed record Shape(string Name, EncoderClassifierConfig Config, List<(int Label, int[] Ids)[]> Batches);

    public int Run(string[] args)
    {
        string policy = OpenMpEnvironment.EnsurePassiveWait(); // before libtorch loads
        string[] shapes = Option(args, "--shapes", "d128,minilm").Split(',');
        int[] threadCounts = Option(args, "--threads", "1,2").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        double seconds = double.Parse(Option(args, "--seconds", "6"), CultureInfo.InvariantCulture);
        string dataset = Option(args, "--dataset", "ag_news");
        Console.WriteLine($"torch-side: OMP_WAIT_POLICY={policy}, libtorch {TorchSharp.torch.__version__}, {Environment.ProcessorCount} cores, load {BenchEnvironment.LoadAverage()}");
        Console.WriteLine("tok/s = real tokens per wall second (best slice); /cpu = per CPU-second of the process; ratio = ours / torch");
        Console.WriteLine("| shape | threads | dropout | ours train tok/s | torch train tok/s | train ratio | ratio /cpu | ours infer tok/s | torch infer tok/s | infer ratio | ratio /cpu | load |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string name in shapes)
        {
            Shape? shape = name switch
            {
                "d128" => Reference(dataset, 64),
                "minilm" => MiniLm(),
                "minilm-text" => Reference(dataset, 32) is { } text ? MiniLm() with { Name = "minilm-text", Batches = text.Batches,
                    Config = MiniLm().Config with { VocabularySize = text.Config.VocabularySize } } : null,
                _ => null,
            };
            if (shape is null)
            {
                Console.Error.WriteLine($"torch-side: unknown shape '{name}' or missing data; shapes are d128, minilm-text (both need ../shared/datasets/{dataset}) and minilm.");
                return 2;
            }
            foreach (int threads in threadCounts)
            {
                foreach (bool dropout in new[] { false, true })
                {
                    EncoderClassifierConfig config = dropout ? shape.Config
                        : shape.Config with { AttentionDropout = 0f, ResidualDropout = 0f, FeedForwardDropout = 0f };
                    var row = Measure(config, shape.Batches, threads, seconds);
                    Console.WriteLine($"| {shape.Name} | {threads} | {(dropout ? "0.1" : "off")} | {row.OursTrain.Wall:F0} | {row.TorchTrain.Wall:F0} " +
                                      $"| {row.OursTrain.Wall / row.TorchTrain.Wall:F2}x | {row.OursTrain.Cpu / row.TorchTrain.Cpu:F2}x " +
                                      $"| {row.OursInfer.Wall:F0} | {row.TorchInfer.Wall:F0} | {row.OursInfer.Wall / row.TorchInfer.Wall:F2}x " +
                                      $"| {row.OursInfer.Cpu / row.TorchInfer.Cpu:F2}x | {BenchEnvironment.LoadAverage()} |");
                }
            }
        }
        return 0;
    }

    private static (Rate OursTrain, Rate TorchTrain, Rate OursInfer, Rate TorchInfer) Measure(
        EncoderClassifierConfig config, List<(int Label, int[] Ids)[]> batches, int threads, double seconds)
    {
        var ours = new EncoderClassifier(config, seed: 1) { ThreadCount = threads };
        using var twin = new TorchSharpClassifier(ours, ours.Training.AdamW.WeightDecay);
        TorchSharp.torch.set_num_threads(threads);
        int capacity = batches.Max(b => b.Length);
        var batch = new TokenBatch(capacity, config.MaxLength);
        var probabilities = new float[capacity * config.ClassCount];
        const float rate = 1e-4f;

        Func<(int Label, int[] Ids)[], int> oursTrain = rows => { Fill(batch, rows); ours.TrainStep(batch, rate); return batch.TokenCount; };
        Func<(int Label, int[] Ids)[], int> torchTrain = rows =>
        {
            var (ids, labels, T, tokens) = Padded(rows);
            twin.TrainStep(ids, labels, rows.Length, T, rate);
            return tokens;
        };
        Func<(int Label, int[] Ids)[], int> oursInfer = rows => { Fill(batch, rows); ours.Predict(batch, probabilities); return batch.TokenCount; };
        Func<(int Label, int[] Ids)[], int> torchInfer = rows =>
        {
            var (ids, _, T, tokens) = Padded(rows);
            twin.Predict(ids, rows.Length, T);
            return tokens;
        };
        var (ot, tt) = Interleaved(batches, seconds, oursTrain, torchTrain);
        var (oi, ti) = Interleaved(batches, seconds, oursInfer, torchInfer);
        return (ot, tt, oi, ti);
    }

    private const int Rounds = 3;

    /// <summary>
    /// Real tokens per second of two step functions measured in alternating slices (ours, torch, ours,
    /// torch, ...; <see cref="Rounds"/> slices each of at least 2 steps and seconds / Rounds), keeping each
    /// side's best slice. On a shared machine the load changes from second to second; alternating gives
    /// both sides the same chances, and the best slice is the one least disturbed. One untimed warm-up
    /// step each first (JIT, buffers, libtorch's allocator).
    /// </summary>
    private static (Rate A, Rate B) Interleaved(List<(int Label, int[] Ids)[]> batches, double seconds,
        Func<(int Label, int[] Ids)[], int> a, Func<(int Label, int[] Ids)[], int> b)
    {
        a(batches[0]);
        b(batches[0]);
        Rate bestA = default, bestB = default;
        int next = 1;
        for (int round = 0; round < Rounds; round++)
        {
            bestA = bestA.Best(Slice(a));
            bestB = bestB.Best(Slice(b));
        }
        return (bestA, bestB);

        Rate Slice(Func<(int Label, int[] Ids)[], int> step)
        {
            long tokens = 0;
            int steps = 0;
            using var process = Process.GetCurrentProcess();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            while (steps < 2 || clock.Elapsed.TotalSeconds < seconds / Rounds)
            {
                tokens += step(batches[next++ % batches.Count]);
                steps++;
            }
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            return new Rate(tokens / wall, tokens / Math.Max(cpu, 1e-9));
        }
    }

    /// <summary>Tokens per wall-clock second, and per CPU-second of this process (the steadier measure on a
    /// loaded machine: it does not count other processes' turns; with 2 threads it counts both cores,
    /// including any spinning).</summary>
    private readonly record struct Rate(double Wall, double Cpu)
    {
        public Rate Best(Rate other) => new(Math.Max(Wall, other.Wall), Math.Max(Cpu, other.Cpu));
    }

    private static void Fill(TokenBatch batch, (int Label, int[] Ids)[] rows)
    {
        batch.Clear();
        foreach (var (label, ids) in rows) batch.Add(ids, label);
    }

    /// <summary>The rows padded with 0 to the longest (as a PyTorch DataLoader's collate does), with labels and the real token count.</summary>
    private static (long[] Ids, long[] Labels, int T, int Tokens) Padded((int Label, int[] Ids)[] rows)
    {
        int T = rows.Max(r => r.Ids.Length), tokens = 0;
        var ids = new long[rows.Length * T];
        for (int b = 0; b < rows.Length; b++)
        {
            for (int t = 0; t < rows[b].Ids.Length; t++) ids[b * T + t] = rows[b].Ids[t];
            tokens += rows[b].Ids.Length;
        }
        return (ids, rows.Select(r => (long)r.Label).ToArray(), T, tokens);
    }

    /// <summary>The reference shape on ag_news rows (TrainStepData's preparation), batches in a fixed shuffled order.</summary>
    private static Shape? Reference(string dataset, int batchSize)
    {
        string folder = Path.Combine(BenchEnvironment.SharedFolder(), "datasets", dataset);
        string train = Path.Combine(folder, "train.csv"), test = Path.Combine(folder, "test.csv");
        if (!File.Exists(train) || !File.Exists(test)) return null;
        TrainStepData data = TrainStepData.Load(train, test, vocabulary: 20000, maxLength: 128, limit: 6400);
        var rng = new SplitMix64(1);
        var rows = data.Train.Where(r => r.Label >= 0).OrderBy(_ => rng.NextUInt64()).ToArray();
        var batches = rows.Chunk(batchSize).Where(c => c.Length == batchSize).ToList();
        var config = new EncoderClassifierConfig { VocabularySize = data.VocabularySize, ClassCount = data.Labels.Length };
        return new Shape("d128", config, batches);
    }

    /// <summary>The MiniLM shape on random full-length rows.</summary>
    private static Shape MiniLm()
    {
        const int vocabulary = 30522, batchSize = 32, length = 128, classes = 4;
        var rng = new SplitMix64(2);
        var batches = new List<(int Label, int[] Ids)[]>();
        for (int s = 0; s < 8; s++)
        {
            batches.Add(Enumerable.Range(0, batchSize).Select(_ =>
                ((int)(rng.NextUInt64() % classes), Enumerable.Range(0, length).Select(_ => 1 + (int)(rng.NextUInt64() % (vocabulary - 1))).ToArray())).ToArray());
        }
        var config = new EncoderClassifierConfig
        {
            VocabularySize = vocabulary, ClassCount = classes, MaxLength = length, ModelDimension = 384, HeadCount = 12,
            LayerCount = 6, FeedForwardDimension = 1536,
        };
        return new Shape("minilm", config, batches);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
