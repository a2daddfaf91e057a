// The --metrics-json file: ONE JSON object whose keys are ML.NET's metric names plus the run's
// figures, for scripts and the project's own checks. Keys, in order (see README, "Metrics JSON"):
//   EvaluatedOn            "test", "validation", "dataset" (evaluate) or "none" (train without any held-out rows)
//   Rows                   rows the metrics cover (rows with a known label; 0 when EvaluatedOn is "none")
//   SkippedRows            rows of the evaluated file left out (a label the model has never seen)
//   MicroAccuracy, MacroAccuracy, LogLoss, LogLossReduction
//   TopKAccuracy, TopKPredictionCount          only with --top-k
//   Classes                class names, in the order of every per-class array
//   PerClassLogLoss, PerClassPrecision, PerClassRecall, ConfusionMatrix (Counts[true][predicted])
//   train only: TrainSeconds, TrainTokensPerSecond, TrainRows, ValidationRows, Epochs, BestEpoch,
//               StopReason, BestValidationAccuracy, Seed, MaximumSequenceLength, VocabularySize,
//               PlannedEpochs, EarlyStoppingPatience, NgramMaximumLength (0: the bag reads the encoder's
//               input), NgramBuckets (0: no bigram or subword buckets), NgramLearningRateScale (0: no bag)
// Numbers are JSON numbers (culture-invariant by construction); a non-finite value (LogLossReduction is
// −∞ when every evaluated label is one class) is written as null, since JSON has no infinity.
using System.Text.Encodings.Web;
using System.Text.Json;
using MlNetAttention.Cli.Model;

namespace MlNetAttention.Cli.Output;

/// <summary>Builds the metrics JSON object, key by key, in insertion order.</summary>
internal sealed class MetricsJson
{
    private readonly List<(string Key, Action<Utf8JsonWriter> Write)> _entries = [];

    public IReadOnlyList<string> Keys => _entries.Select(e => e.Key).ToList();

    public MetricsJson Add(string key, string value) => Put(key, w => w.WriteStringValue(value));

    public MetricsJson Add(string key, long value) => Put(key, w => w.WriteNumberValue(value));

    public MetricsJson Add(string key, double value) => Put(key, w => WriteNumber(w, value));

    public MetricsJson Add(string key, double? value) => Put(key, w =>
    {
        if (value is { } v) WriteNumber(w, v);
        else w.WriteNullValue();
    });

    public MetricsJson Add(string key, IEnumerable<double> values) => Put(key, w =>
    {
        w.WriteStartArray();
        foreach (double v in values) WriteNumber(w, v);
        w.WriteEndArray();
    });

    public MetricsJson Add(string key, IEnumerable<string> values) => Put(key, w =>
    {
        w.WriteStartArray();
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    });

    /// <summary>ML.NET's metrics, the class names and the confusion counts.</summary>
    public MetricsJson AddMetrics(EvaluationResult evaluation)
    {
        var metrics = evaluation.Metrics;
        Add("MicroAccuracy", metrics.MicroAccuracy);
        Add("MacroAccuracy", metrics.MacroAccuracy);
        Add("LogLoss", metrics.LogLoss);
        Add("LogLossReduction", metrics.LogLossReduction);
        if (metrics.TopKPredictionCount > 0)
        {
            Add("TopKAccuracy", metrics.TopKAccuracy);
            Add("TopKPredictionCount", metrics.TopKPredictionCount);
        }
        var confusion = metrics.ConfusionMatrix;
        Add("Classes", evaluation.Classes);
        Add("PerClassLogLoss", metrics.PerClassLogLoss);
        Add("PerClassPrecision", confusion.PerClassPrecision);
        Add("PerClassRecall", confusion.PerClassRecall);
        return Put("ConfusionMatrix", w =>
        {
            w.WriteStartArray();
            foreach (var row in confusion.Counts)
            {
                w.WriteStartArray();
                foreach (double count in row) WriteNumber(w, count);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        });
    }

    /// <summary>Writes the object (indented, UTF-8, no byte-order mark).</summary>
    public void WriteTo(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Class names and paths are data, not HTML: keep non-ASCII text readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        writer.WriteStartObject();
        foreach (var (key, write) in _entries)
        {
            writer.WritePropertyName(key);
            write(writer);
        }
        writer.WriteEndObject();
        writer.Flush();
        stream.Write("\n"u8);
    }

    private MetricsJson Put(string key, Action<Utf8JsonWriter> write)
    {
        if (_entries.Any(e => e.Key == key)) throw new InvalidOperationException($"Metrics JSON key '{key}' was added twice.");
        _entries.Add((key, write));
        return this;
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
