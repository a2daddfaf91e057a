// `bert`: the pretrained MiniLM encoder (all-MiniLM-L6-v2: 6 layers, d 384, 12 heads, FFN 1536) in the
// engine, side by side with ONNX Runtime on the same model.onnx in the same run:
//   inference docs/s at batch 1 and batch 32 (engine: Predict through a mean-pooling head, which is
//   the encoder plus a negligible head; ORT: last_hidden_state), both on `--threads` threads (ORT
//   intra-op threads = the same, inter-op 1), on the first ag_news test texts tokenized by
//   BertTokenizer and truncated to 128 tokens. ORT computes on the batch padded to its longest row;
//   the engine skips pads (exact: pads cannot influence real tokens), which is part of its speed.
//   fine-tuning tokens/s at the MiniLM training shape: batch 32 × 128 real tokens (rows cut from the
//   tokenized texts), full steps (forward, backward, clipping, AdamW), dropout 0.1 as BERT fine-tuning.
//   memory per training token: the managed heap after the first step, less the parameter state
//   (values, gradients, two AdamW moments), divided by the 32 × 128 tokens the activations hold.
// PyTorch is not measured here (no torch in this environment); see the issue for its anchor numbers.
// Usage: bert [--threads 2] [--docs 256] [--steps 4]   (--steps 0: inference only)
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using MlNetAttention.Encoders;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Pretrained;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Bench;

public sealed class BertBenchmark : IBenchmark
{
    private const int MaxLength = 128;

    public string Name => "bert";

    public string Description => "MiniLM in the engine vs ONNX Runtime: inference docs/s (batch 1, 32), fine-tuning tokens/s, memory/token";

    public int Run(string[] args)
    {
        int threads = Option(args, "--threads", 2), docs = Option(args, "--docs", 256), steps = Option(args, "--steps", 4);
        var load = Stopwatch.StartNew();
        PretrainedBert bert = MiniLM.Load();
        Console.WriteLine($"loaded {bert.Name} ({bert.Shape}) sha256 {bert.ModelSha256[..12]}… in {load.Elapsed.TotalSeconds:F1}s; load average {BenchEnvironment.LoadAverage()}");
        List<int[]> texts = Texts(bert, docs);
        Console.WriteLine($"{texts.Count} docs, mean {texts.Average(t => t.Length):F1} tokens (max {MaxLength})");

        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(bert.ModelPath, options);
        var config = bert.Configure(new EncoderClassifierConfig { VocabularySize = bert.Shape.VocabularySize, ClassCount = 2, Pooling = PoolingKind.Mean });
        var model = EncoderClassifier.FromPretrained(bert, config, seed: 1);
        model.ThreadCount = threads;

        foreach (int batchSize in new[] { 1, 32 })
        {
            int count = batchSize == 1 ? Math.Min(texts.Count, 64) : texts.Count;
            var (ours, oursCpu) = EngineDocsPerSecond(model, texts, count, batchSize);
            var (ort, ortCpu) = OrtDocsPerSecond(session, texts, count, batchSize);
            Console.WriteLine($"inference batch {batchSize,2}: engine {ours,7:F1} docs/s ({oursCpu,6:F1} per CPU-s)   onnxruntime {ort,7:F1} docs/s ({ortCpu,6:F1} per CPU-s)   " +
                              $"ratio {ours / ort:F2}x wall, {oursCpu / ortCpu:F2}x CPU   ({count} docs, {threads} threads)");
        }

        if (steps > 0) FineTune(bert, texts, threads, steps);
        return 0;
    }

    private static List<int[]> Texts(PretrainedBert bert, int docs)
    {
        string test = Path.Combine(BenchEnvironment.SharedFolder(), "datasets", "ag_news", "test.csv");
        BertTokenizer tokenizer = BertTokenizer.Create(bert.VocabularyPath, new BertOptions { LowerCaseBeforeTokenization = true });
        IEnumerable<string> lines = File.Exists(test)
            ? File.ReadLines(test).Skip(1).Select(l => l[(l.IndexOf(',') + 1)..].Trim('"'))
            : Enumerable.Repeat("The quick brown fox jumps over the lazy dog while the market rallies on strong earnings reports.", docs);
        return lines.Take(docs).Select(t =>
        {
            int[] ids = tokenizer.EncodeToIds(t).ToArray();
            if (ids.Length > MaxLength) ids = [.. ids[..(MaxLength - 1)], tokenizer.SeparatorTokenId];
            return ids;
        }).ToList();
    }

    /// <summary>Docs per wall second and per CPU second of the process (all threads; the steadier
    /// measure on a shared machine, where wall time includes other processes' turns).</summary>
    private static (double Wall, double Cpu) Timed(int count, Action<int> run, int batchSize)
    {
        run(0); // warm-up: JIT and buffers
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < count; start += batchSize) run(start);
        double wall = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return (count / wall, count / cpuSeconds);
    }

    private static (double Wall, double Cpu) EngineDocsPerSecond(EncoderClassifier model, List<int[]> texts, int count, int batchSize)
    {
        var batch = new TokenBatch(batchSize, MaxLength);
        var probabilities = new float[batchSize * 2];
        void Run(int start)
        {
            batch.Clear();
            for (int i = start; i < Math.Min(count, start + batchSize); i++) batch.Add(texts[i]);
            model.Predict(batch, probabilities);
        }
        return Timed(count, Run, batchSize);
    }

    private static (double Wall, double Cpu) OrtDocsPerSecond(InferenceSession session, List<int[]> texts, int count, int batchSize)
    {
        void Run(int start)
        {
            int B = Math.Min(count, start + batchSize) - start, T = 0;
            for (int b = 0; b < B; b++) T = Math.Max(T, texts[start + b].Length);
            var ids = new DenseTensor<long>([B, T]);
            var mask = new DenseTensor<long>([B, T]);
            var types = new DenseTensor<long>([B, T]);
            for (int b = 0; b < B; b++)
            {
                int[] row = texts[start + b];
                for (int t = 0; t < row.Length; t++)
                {
                    ids[b, t] = row[t];
                    mask[b, t] = 1;
                }
            }
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("input_ids", ids),
                NamedOnnxValue.CreateFromTensor("attention_mask", mask),
                NamedOnnxValue.CreateFromTensor("token_type_ids", types),
            };
            using var results = session.Run(inputs, [session.OutputMetadata.Keys.First()]);
        }
        return Timed(count, Run, batchSize);
    }

    private static void FineTune(PretrainedBert bert, List<int[]> texts, int threads, int steps)
    {
        const int batchSize = 32;
        // Rows of exactly 128 real tokens: [CLS] + 126 tokens cut from the concatenated texts + [SEP].
        int cls = texts[0][0], sep = texts[0][^1];
        int[] stream = texts.SelectMany(t => t[1..^1]).ToArray();
        var rows = new List<int[]>();
        for (int start = 0; start + MaxLength - 2 <= stream.Length && rows.Count < batchSize * 2; start += MaxLength - 2)
            rows.Add([cls, .. stream.AsSpan(start, MaxLength - 2), sep]);
        while (rows.Count < batchSize * 2) rows.Add(rows[rows.Count % Math.Max(1, rows.Count)]);

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var config = bert.Configure(new EncoderClassifierConfig
        {
            VocabularySize = bert.Shape.VocabularySize, ClassCount = 4, Pooling = PoolingKind.Mean,
            AttentionDropout = 0.1f, ResidualDropout = 0.1f, FeedForwardDropout = 0f,
        });
        var model = EncoderClassifier.FromPretrained(bert, config, seed: 1, new TrainingOptions());
        model.ThreadCount = threads;
        var batch = new TokenBatch(batchSize, MaxLength);
        void Fill(int step)
        {
            batch.Clear();
            for (int b = 0; b < batchSize; b++) batch.Add(rows[(step * batchSize + b) % rows.Count], (step + b) % 4);
        }
        Fill(0);
        model.TrainStep(batch, 2e-5f); // warm-up: JIT, activations, gradients, AdamW moments
        long after = GC.GetTotalMemory(forceFullCollection: true);
        long parameterState = 4L * model.Parameters.ElementCount * sizeof(float); // values, gradients, m, v
        long activations = after - before - parameterState;
        long tokensPerStep = (long)batchSize * MaxLength;

        long tokens = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int step = 1; step <= steps; step++)
        {
            Fill(step);
            model.TrainStep(batch, 2e-5f);
            tokens += batch.TokenCount;
        }
        double seconds = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"fine-tuning batch {batchSize} × {MaxLength}: {tokens / seconds:F0} tokens/s, {tokens / cpuSeconds:F0} per CPU-s " +
                          $"({tokens} tokens in {seconds:F1}s wall, {cpuSeconds:F1}s CPU, {threads} threads; load average {BenchEnvironment.LoadAverage()})");
        Console.WriteLine($"memory: parameter state {parameterState / 1e6:F0} MB ({model.Parameters.ElementCount:N0} parameters × 4 arrays); " +
                          $"activations and scratch {activations / 1e6:F0} MB = {activations / (double)tokensPerStep / 1024:F1} KiB per training token; " +
                          $"heap after the first step {after / 1e6:F0} MB");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int value) ? value : fallback;
    }
}
