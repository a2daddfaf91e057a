// `tune`: the accuracy harness of issue #5. Trains AttentionTextClassification on one of the shared
// datasets through the real pipeline (TextLoader → MapValueToKey → AttentionTextClassification with
// Options overrides given as key=value arguments), evaluates on the test file with
// MulticlassClassification.Evaluate, and prints one RESULT line (dataset, overrides, accuracy, macro
// accuracy, log-loss, train seconds, epochs, best epoch, validation accuracy, accuracy on dev.csv when
// the dataset has one, tokens/s, load). With --log FILE the line is also appended to FILE as a
// markdown table row, so every experiment is kept.
// Usage: tune DATASET [Option=value ...] [--seeds 1,2,3] [--log bench/tuning-log.md] [--note TEXT] [--max-train-rows N]
// Encoder=minilm (or another pretrained encoder) starts from Options.Pretrained's fine-tuning recipe.
//        [--verbose] [--no-test]
//   DATASET is a folder under ../shared/datasets holding train.csv and test.csv (header label,text), or
//   the path of such a folder (e.g. datasets/sample).
//   Option is any settable property of AttentionTextClassificationTrainer.Options (case-insensitive),
//   e.g. LearningRate=1e-2 MaxEpochs=20 Pooling=Mean MaximumSequenceLength=256 (null for nullables).
//   --no-test skips the test set (choose configurations on the validation split, as the issue asks).
//   --validate-on-dev passes the dataset's dev.csv as the trainer's ValidationSet (all of train.csv trains),
//   as `train --validation-dataset` does.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Trainers;

namespace MlNetAttention.Bench;

public sealed class TuningBenchmark : IBenchmark
{
    public string Name => "tune";

    public string Description => "accuracy harness: train the text classifier on a shared dataset with Options overrides, evaluate";

    public int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine("usage: tune DATASET [Option=value ...] [--seeds 1,2] [--log FILE] [--note TEXT] [--verbose] [--no-test]");
            return 1;
        }
        string dataset = args[0];
        string folder = Directory.Exists(dataset) ? dataset : Path.Combine(BenchEnvironment.SharedFolder(), "datasets", dataset);
        string trainPath = Path.Combine(folder, "train.csv"), testPath = Path.Combine(folder, "test.csv");
        if (!File.Exists(trainPath) || !File.Exists(testPath))
        {
            Console.Error.WriteLine($"tune: {trainPath} or {testPath} not found (needs ../shared next to the repository).");
            return 2;
        }
        var overrides = new List<(PropertyInfo Property, string Text)>();
        int[] seeds = [1];
        string? logFile = null, note = null;
        bool verbose = false, test = true, validateOnDev = false;
        int? maxTrainRows = null;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seeds": seeds = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--log": logFile = args[++i]; break;
                case "--note": note = args[++i]; break;
                case "--verbose": verbose = true; break;
                case "--no-test": test = false; break;
                case "--validate-on-dev": validateOnDev = true; break;
                case "--max-train-rows": maxTrainRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    int eq = args[i].IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"expected Option=value, got '{args[i]}'.", nameof(args));
                    string name = args[i][..eq];
                    var property = typeof(AttentionTextClassificationTrainer.Options).GetProperty(name,
                        BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                    if (property is null || !property.CanWrite || !IsSimple(property.PropertyType))
                        throw new ArgumentException($"'{name}' is not a settable option of AttentionTextClassificationTrainer.Options.", nameof(args));
                    overrides.Add((property, args[i][(eq + 1)..]));
                    break;
            }
        }
        string overrideText = (overrides.Count == 0 ? "defaults" : string.Join(" ", overrides.Select(o => $"{o.Property.Name}={o.Text}")))
            + (validateOnDev ? " validation=dev.csv" : "") + (maxTrainRows is { } cap ? $" train-rows≤{cap}" : "");

        foreach (int seed in seeds)
        {
            var context = new MLContext(seed);
            if (verbose)
                context.Log += (_, e) =>
                {
                    if (e.Source == "AttentionTextClassification" && !e.RawMessage.Contains(" step ", StringComparison.Ordinal))
                        Console.WriteLine($"  {e.RawMessage}");
                };
            var loader = context.Data.CreateTextLoader(
                [new TextLoader.Column("Label", DataKind.String, 0), new TextLoader.Column("Sentence1", DataKind.String, 1)],
                separatorChar: ',', hasHeader: true, allowQuoting: true);
            IDataView trainRaw = loader.Load(trainPath), testRaw = loader.Load(testPath);
            var keys = context.Transforms.Conversion.MapValueToKey("Label").Fit(trainRaw);
            if (maxTrainRows is { } rowCap) // a seeded random subset, to keep a slow (fine-tuning) run short
                trainRaw = context.Data.TakeRows(context.Data.ShuffleRows(trainRaw, seed: seed), rowCap);
            IDataView train = context.Data.Cache(keys.Transform(trainRaw)), testData = keys.Transform(testRaw);

            // A pretrained Encoder starts from the fine-tuning recipe (Options.Pretrained); the overrides apply on top.
            string? encoder = overrides.Where(o => o.Property.Name == nameof(AttentionTextClassificationTrainer.Options.Encoder)).Select(o => o.Text).LastOrDefault();
            var options = encoder is not null && encoder != AttentionTextClassificationTrainer.Defaults.Encoder
                ? AttentionTextClassificationTrainer.Options.Pretrained(encoder) : new AttentionTextClassificationTrainer.Options();
            foreach (var (property, text) in overrides) property.SetValue(options, Parse(property.PropertyType, text));
            string devPath = Path.Combine(folder, "dev.csv");
            IDataView? dev = File.Exists(devPath) ? keys.Transform(loader.Load(devPath)) : null;
            if (validateOnDev)
                options.ValidationSet = dev ?? throw new ArgumentException($"--validate-on-dev: {devPath} not found.", nameof(args));
            string loadBefore = BenchEnvironment.LoadAverage();
            var clock = Stopwatch.StartNew();
            var model = context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(train);
            double fitSeconds = clock.Elapsed.TotalSeconds;
            var s = model.TrainingSummary;
            string devPart = "";
            if (dev is not null) // a second held-out set to choose on, where the dataset has one (sst2)
            {
                var devMetrics = context.MulticlassClassification.Evaluate(model.Transform(dev));
                devPart = $" dev={devMetrics.MicroAccuracy:F4}";
            }
            string testPart = "acc=- macro=- logloss=-";
            if (test)
            {
                var metrics = context.MulticlassClassification.Evaluate(model.Transform(testData));
                testPart = $"acc={metrics.MicroAccuracy:F4} macro={metrics.MacroAccuracy:F4} logloss={metrics.LogLoss:F4}";
            }
            string line = $"RESULT {dataset} seed={seed} [{overrideText}] {testPart} val={s.BestValidationAccuracy?.ToString("F4", CultureInfo.InvariantCulture) ?? "-"}{devPart} " +
                          $"train_s={fitSeconds:F1} epochs={s.EpochsCompleted}/{s.PlannedEpochs} best={s.BestEpoch} stop={s.StopReason} steps={s.Steps} " +
                          $"tok_s={s.TokensPerSecond:F0} vocab={s.VocabularySize} maxlen={s.MaximumSequenceLength} cut={s.TruncatedTrainingRows} " +
                          $"meanlen={s.MeanSequenceLength:F1} load={loadBefore}->{BenchEnvironment.LoadAverage()}";
            Console.WriteLine(line);
            if (logFile is not null)
                File.AppendAllText(logFile, $"| {DateTime.Now:MM-dd HH:mm} | {dataset} | {seed} | {overrideText} | {testPart} | " +
                    $"{s.BestValidationAccuracy?.ToString("F4", CultureInfo.InvariantCulture) ?? "-"}{devPart} | {fitSeconds:F0} | {s.EpochsCompleted}/{s.BestEpoch} of {s.PlannedEpochs} | " +
                    $"{s.TokensPerSecond:F0} | {loadBefore} | {note} |{Environment.NewLine}");
        }
        return 0;
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string);
    }

    private static object? Parse(Type type, string text)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null && text is "null" or "") return null;
        type = underlying ?? type;
        return type.IsEnum ? Enum.Parse(type, text, ignoreCase: true) : Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
    }


}
