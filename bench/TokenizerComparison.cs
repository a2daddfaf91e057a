// Benchmark `tokenizer-compare`: our encoder against Microsoft.ML.Tokenizers 3.0.0 on the same texts,
// for issue 10 item 5 ("one encoder, not two"). Per dataset: learn a WordPiece and a word vocabulary
// on train.csv, build Microsoft.ML.Tokenizers tokenizers from those vocabularies in memory
// (MicrosoftTokenizers.cs), then on test.csv plus a sample of train.csv
//   1. equivalence: how many texts get a different id sequence, with every difference put in a
//      category by the characters where the two first disagree (TokenizerDifferences.cs);
//   2. speed: tokens/s and docs/s of each encoder, 1 thread, best of --repeats after a warm-up.
// Three Microsoft.ML.Tokenizers configurations are timed: its BertTokenizer as shipped (its own
// BertNormalizer and regex pre-tokenizer), and its WordPieceTokenizer behind our BERT basic
// tokenisation (ids identical to ours by construction; it measures what keeping only our
// normaliser would cost), both for WordPiece and for the whole-word vocabulary.
// Usage: MlNetAttention.Bench tokenizer-compare [--datasets a,b] [--train-sample N] [--repeats N] [--vocab-size N] [--no-speed] [--no-equivalence]
using System.Diagnostics;
using System.Runtime.InteropServices;
using MlNetAttention.Tokenizers;
using Ml = Microsoft.ML.Tokenizers;

namespace MlNetAttention.Bench;

public sealed class TokenizerComparison : IBenchmark
{
    public string Name => "tokenizer-compare";
    public string Description => "our encoder vs Microsoft.ML.Tokenizers: id equivalence and tokens/s on the five shared datasets";

    public int Run(string[] args)
    {
        string[] datasets = ["ag_news", "pricerunner", "sst2", "imdb", "online_shopping_zh"];
        int trainSample = 5_000, repeats = 3, vocabularySize = TokenizerTrainingOptions.Defaults.VocabularySize;
        bool timeThem = true, compareThem = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--datasets": datasets = args[++i].Split(','); break;
                case "--train-sample": trainSample = int.Parse(args[++i]); break;
                case "--repeats": repeats = int.Parse(args[++i]); break;
                case "--vocab-size": vocabularySize = int.Parse(args[++i]); break;
                case "--no-speed": timeThem = false; break;
                case "--no-equivalence": compareThem = false; break;
                default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 1;
            }
        }
        var speedRows = new List<string>();
        foreach (string name in datasets)
        {
            string folder = Path.Combine(BenchEnvironment.SharedFolder(), "datasets", name);
            if (!File.Exists(Path.Combine(folder, "train.csv")))
            {
                Console.Error.WriteLine($"{folder}/train.csv not found");
                return 2;
            }
            var train = CsvTextColumn.Read(Path.Combine(folder, "train.csv"), "text");
            var test = CsvTextColumn.Read(Path.Combine(folder, "test.csv"), "text");
            var training = new TokenizerTrainingOptions { VocabularySize = vocabularySize, MaximumDegreeOfParallelism = 1 };
            var wordPiece = WordPieceTokenizer.Train(train, training);
            var word = WordTokenizer.Train(train, training);
            // Every k-th train text, so the sample spans the file rather than its first rows.
            int step = Math.Max(1, train.Count / Math.Max(1, trainSample));
            var texts = test.Concat(train.Where((_, i) => i % step == 0).Take(trainSample)).ToList();
            Console.WriteLine($"== {name}: {train.Count} train texts, vocabularies {wordPiece.VocabularySize} (WordPiece) / {word.VocabularySize} (word); " +
                              $"compared on {test.Count} test + {texts.Count - test.Count} train texts");

            var pairs = new (string Name, Tokenizer Ours, Ml.Tokenizer Theirs)[]
            {
                ("WordPiece, ML BertTokenizer as shipped", wordPiece, MicrosoftTokenizers.BertAsShipped(wordPiece)),
                ("WordPiece, ML WordPiece behind our normaliser", wordPiece, MicrosoftTokenizers.WordPieceBehindOurs(wordPiece)),
                ("word, ML BertTokenizer as shipped", word, MicrosoftTokenizers.BertAsShipped(word)),
                ("word, ML WordPiece behind our normaliser", word, MicrosoftTokenizers.WordPieceBehindOurs(word)),
            };
            foreach (var (pairName, ours, theirs) in pairs.Where(_ => compareThem))
            {
                var differences = TokenizerDifferences.Compare(ours, theirs, texts);
                Console.WriteLine($"  {pairName}: {differences.DifferentTexts} of {texts.Count} texts differ " +
                                  $"({differences.TokensOurs} vs {differences.TokensTheirs} tokens)");
                foreach (var (category, count, example) in differences.Categories())
                    Console.WriteLine($"    {count,7}  {category}   e.g. {example}");
            }

            if (!timeThem) continue;
            // Timed configurations: ours through the span API the trainer uses (no allocation) and, for a
            // like-for-like row, through the list-returning API; theirs through EncodeToIds (its only id
            // API; it returns a list). "first 256" encodes at
            // most 256 ids, as the trainer does with MaximumLength.
            var buffer = new int[1 << 20];
            var configurations = new List<(string Name, Func<string, int> Encode)>
            {
                ("WordPiece, ours", t => wordPiece.EncodeToIds(t, buffer, out _)),
                ("WordPiece, ours through the list API", t => wordPiece.EncodeToIds(t).Count),
                ("word, ours", t => word.EncodeToIds(t, buffer, out _)),
                ("WordPiece first 256, ours", t => wordPiece.EncodeToIds(t, buffer.AsSpan(0, FirstTokens), out _)),
            };
            foreach (var (pairName, _, theirs) in pairs)
                configurations.Add((pairName, t => theirs.EncodeToIds(t).Count));
            var bertAsShipped = pairs[0].Theirs;
            configurations.Add(("WordPiece first 256, ML BertTokenizer as shipped", t => bertAsShipped.EncodeToIds(t, FirstTokens, out _, out _).Count));
            foreach (var (configuration, seconds, cpuSeconds, tokens) in Time(configurations, texts, repeats))
                speedRows.Add($"{name,-19} {configuration,-50} {tokens / cpuSeconds / 1e6,6:F2} M tokens/s {texts.Count / cpuSeconds,8:F0} docs/s" +
                              $"   wall: {tokens / seconds / 1e6,6:F2} M tokens/s {texts.Count / seconds,8:F0} docs/s");
        }
        Console.WriteLine();
        Console.WriteLine($"speed, 1 thread, thread CPU time (and wall time), best of {repeats} interleaved rounds after a warm-up, same texts per dataset:");
        foreach (var row in speedRows) Console.WriteLine(row);
        return 0;
    }

    private const int FirstTokens = 256;
    private const double MinimumSeconds = 0.3;

    /// <summary>Wall and thread-CPU seconds per pass over <paramref name="texts"/>, and tokens per pass, of
    /// each configuration: after one warm-up pass each, <paramref name="repeats"/> rounds that time every
    /// configuration in turn (interleaved, so a busy spell on a shared machine hurts all alike), each
    /// timing as many passes as fill <see cref="MinimumSeconds"/>; the best round counts. Thread CPU time
    /// is the figure to compare on a loaded machine: waiting for a core does not count in it, while the
    /// garbage collections an encoder causes on its own thread do.</summary>
    private static List<(string Name, double Seconds, double CpuSeconds, long Tokens)> Time(
        List<(string Name, Func<string, int> Encode)> configurations, List<string> texts, int repeats)
    {
        long Pass(Func<string, int> encode)
        {
            long tokens = 0;
            foreach (var text in texts) tokens += encode(text);
            return tokens;
        }
        var tokens = configurations.Select(c => Pass(c.Encode)).ToArray();
        var best = Enumerable.Repeat(double.MaxValue, configurations.Count).ToArray();
        var bestCpu = Enumerable.Repeat(double.MaxValue, configurations.Count).ToArray();
        for (int r = 0; r < repeats; r++)
        {
            for (int c = 0; c < configurations.Count; c++)
            {
                int passes = 0;
                double cpuStart = ThreadCpuSeconds();
                var sw = Stopwatch.StartNew();
                do { Pass(configurations[c].Encode); passes++; } while (sw.Elapsed.TotalSeconds < MinimumSeconds);
                best[c] = Math.Min(best[c], sw.Elapsed.TotalSeconds / passes);
                bestCpu[c] = Math.Min(bestCpu[c], (ThreadCpuSeconds() - cpuStart) / passes);
            }
        }
        return configurations.Select((c, i) => (c.Name, best[i], bestCpu[i], tokens[i])).ToList();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    /// <summary>CPU seconds used by the calling thread (Linux), or the process's elsewhere.</summary>
    private static double ThreadCpuSeconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var t) == 0
            ? t.Seconds + t.Nanoseconds * 1e-9
            : Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
