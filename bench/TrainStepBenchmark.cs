// `train-step`: training tokens/s of full training steps (forward, backward, clipping, AdamW) for the
// reference configuration (d=128, 2 layers, 4 heads, FFN 512, 4 hops, T ≤ 128, batch 64) on one
// epoch of ag_news, side by side with ../shared/anchors/torch_reference.py (PyTorch on the CPU, 2
// threads) run in the same invocation on the same data prepared the same way (TrainStepData). Both
// count non-pad tokens; PyTorch computes on the padded (B, T) batch while the engine skips pads,
// which is exact (padded positions cannot influence any output) and part of its speed.
// Also prints inference docs/s and test accuracy after the epoch, as the reference does.
// Usage: train-step [--threads 2] [--epochs 1] [--limit ROWS] [--skip-torch] [--dataset ag_news]
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Bench;

public sealed partial class TrainStepBenchmark : IBenchmark
{
    public string Name => "train-step";

    public string Description => "training tokens/s of full steps (reference config, ag_news) vs PyTorch";

    public int Run(string[] args)
    {
        int threads = IntOption(args, "--threads", 2), epochs = IntOption(args, "--epochs", 1), limit = IntOption(args, "--limit", 0);
        string dataset = StringOption(args, "--dataset", "ag_news");
        string shared = BenchEnvironment.SharedFolder();
        string train = Path.Combine(shared, "datasets", dataset, "train.csv"), test = Path.Combine(shared, "datasets", dataset, "test.csv");
        string reference = Path.Combine(shared, "anchors", "torch_reference.py");
        if (!File.Exists(train) || !File.Exists(test))
        {
            Console.Error.WriteLine($"train-step: {train} or {test} not found (needs ../shared next to the repository).");
            return 2;
        }

        var prep = Stopwatch.StartNew();
        TrainStepData data = TrainStepData.Load(train, test, vocabulary: 20000, maxLength: 128, limit);
        Console.WriteLine($"prep {prep.Elapsed.TotalSeconds:F1}s train={data.Train.Length} test={data.Test.Length} classes={data.Labels.Length} vocab={data.VocabularySize}");
        var ours = TrainOurs(data, threads, epochs);
        Console.WriteLine($"engine  : train_tok_per_s={ours.TokensPerSecond:F0} ({ours.Tokens} tokens in {ours.Seconds:F1}s, last loss {ours.LastLoss:F3}) " +
                          $"infer_docs_per_s={ours.DocsPerSecond:F0} acc={ours.Accuracy:F4} threads={threads}");

        if (args.Contains("--skip-torch")) return 0;
        var torch = RunTorch(reference, train, test, threads, epochs, limit);
        if (torch is null) return 3;
        Console.WriteLine($"pytorch : train_tok_per_s={torch.Value.TokensPerSecond:F0} infer_docs_per_s={torch.Value.DocsPerSecond:F0} acc={torch.Value.Accuracy:F4} threads={threads}");
        Console.WriteLine($"ratio   : training {ours.TokensPerSecond / torch.Value.TokensPerSecond:F2}x PyTorch's tokens/s, " +
                          $"inference {ours.DocsPerSecond / torch.Value.DocsPerSecond:F2}x its docs/s (target ≥ 2x training)");
        return 0;
    }

    private static (double TokensPerSecond, long Tokens, double Seconds, float LastLoss, double DocsPerSecond, double Accuracy)
        TrainOurs(TrainStepData data, int threads, int epochs)
    {
        const int batchSize = 64;
        var config = new EncoderClassifierConfig { VocabularySize = data.VocabularySize, ClassCount = data.Labels.Length };
        var model = new EncoderClassifier(config, seed: 1) { ThreadCount = threads };
        int stepsPerEpoch = (data.Train.Length + batchSize - 1) / batchSize;
        var schedule = new LinearWarmupLinearDecay(1e-3f, epochs * stepsPerEpoch, warmupRatio: 0.05);
        var batch = new TokenBatch(batchSize, config.MaxLength);
        var order = Enumerable.Range(0, data.Train.Length).ToArray();
        var rng = new SplitMix64(1);

        // Warm-up step (JIT, buffers) outside the timing, on the first batch, then restore the weights.
        float[] initial = model.Parameters.Values.ToArray();
        Fill(batch, data.Train, order, 0, batchSize);
        new EncoderClassifier(config, seed: 1) { ThreadCount = threads }.TrainStep(batch, 0f);
        initial.CopyTo(model.Parameters.Values);

        long tokens = 0, paddedTokens = 0;
        float loss = 0;
        int step = 0;
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int i = order.Length - 1; i > 0; i--) // Fisher–Yates, as torch.randperm
            {
                int j = (int)(rng.NextUInt64() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            var epochClock = Stopwatch.StartNew();
            for (int start = 0; start < order.Length; start += batchSize)
            {
                Fill(batch, data.Train, order, start, batchSize);
                loss = model.TrainStep(batch, schedule.RateAt(step++));
                tokens += batch.TokenCount;
                paddedTokens += (long)batch.Count * batch.PaddedLength;
            }
            Console.WriteLine($"epoch {epoch + 1} loss={loss:F3} {epochClock.Elapsed.TotalSeconds:F1}s");
        }
        double seconds = clock.Elapsed.TotalSeconds;
        // CPU time is the steadier measure on a shared machine (wall time includes other processes'
        // turns); with more than one thread it also counts the pool's brief spin-waits.
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"training: {seconds:F1}s wall, {cpuSeconds:F1}s CPU, {tokens / cpuSeconds:F0} tokens per CPU-second; " +
                          $"padded batches hold {paddedTokens / (double)tokens:F2}x the real tokens (computed by PyTorch, skipped here)");

        var evaluation = new TokenBatch(256, config.MaxLength);
        var probabilities = new float[256 * config.ClassCount];
        var testOrder = Enumerable.Range(0, data.Test.Length).ToArray();
        int correct = 0;
        Fill(evaluation, data.Test, testOrder, 0, 256);
        model.Predict(evaluation, probabilities); // warm-up: JIT and the inference buffers of capacity 256
        var inference = Stopwatch.StartNew();
        for (int start = 0; start < testOrder.Length; start += 256)
        {
            Fill(evaluation, data.Test, testOrder, start, 256);
            model.Predict(evaluation, probabilities);
            for (int b = 0; b < evaluation.Count; b++)
            {
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(probabilities.AsSpan(b * config.ClassCount, config.ClassCount)) == data.Test[start + b].Label)
                    correct++;
            }
        }
        double inferenceSeconds = inference.Elapsed.TotalSeconds;
        return (tokens / seconds, tokens, seconds, loss, data.Test.Length / inferenceSeconds, correct / (double)data.Test.Length);
    }

    private static void Fill(TokenBatch batch, (int Label, int[] Ids)[] rows, int[] order, int start, int size)
    {
        batch.Clear();
        for (int k = start; k < Math.Min(start + size, order.Length); k++)
        {
            var (label, ids) = rows[order[k]];
            batch.Add(ids, Math.Max(label, 0));
        }
    }

    [GeneratedRegex(@"RESULT acc=(?<acc>[0-9.]+) .*train_tok_per_s=(?<tok>[0-9.]+) infer_docs_per_s=(?<docs>[0-9.]+)")]
    private static partial Regex ResultLine();

    private static (double TokensPerSecond, double DocsPerSecond, double Accuracy)? RunTorch(string script, string train, string test,
        int threads, int epochs, int limit)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { script, train, test, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--threads",
                     threads.ToString(CultureInfo.InvariantCulture), "--limit", limit.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        Console.WriteLine($"running {script} (PyTorch, {threads} threads)...");
        using Process? process = Process.Start(start);
        if (process is null) { Console.Error.WriteLine("could not start /usr/bin/python3"); return null; }
        Match? result = null;
        for (string? line; (line = process.StandardOutput.ReadLine()) is not null;)
        {
            Console.WriteLine("  | " + line);
            if (ResultLine().Match(line) is { Success: true } m) result = m;
        }
        process.WaitForExit();
        if (result is null) { Console.Error.WriteLine($"no RESULT line from the reference (exit code {process.ExitCode})"); return null; }
        double Parse(string group) => double.Parse(result.Groups[group].Value, CultureInfo.InvariantCulture);
        return (Parse("tok"), Parse("docs"), Parse("acc"));
    }


    private static int IntOption(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string StringOption(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
