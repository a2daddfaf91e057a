// `train --report FILE.html`: one self-contained HTML file (inline CSS and SVG; no script, font or
// image from anywhere else) that a person can open or attach to an issue: the run (data, columns,
// seed), every trainer option and what training decided, the training curve, the metrics, per-class
// precision/recall, the confusion matrix, and a few evaluated texts with each token shaded by its
// attention-pooling weight (Lin et al. 2017's A, averaged over the hops; [CLS] and [SEP] included).
// All text from the data is HTML-escaped; numbers use the invariant culture.
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using MlNetAttention.Cli.Model;
using MlNetAttention.Trainers;
using TrainerOptions = MlNetAttention.Trainers.AttentionTextClassificationTrainer.Options;

namespace MlNetAttention.Cli.Report;

/// <summary>Everything the report shows.</summary>
internal sealed record ReportContent(
    IReadOnlyList<(string Name, string Value)> Run,
    TrainerOptions Options,
    TrainingSummary Summary,
    IReadOnlyList<TrainingProgress> Epochs,
    EvaluationResult? Evaluation,
    string EvaluatedOn,
    IReadOnlyList<AttentionExample> Examples);

internal static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ReportContent content)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<title>MlNetAttention training report</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>MlNetAttention training report</h1>\n");
        Headline(html, content);
        Section(html, "Run", KeyValueTable(content.Run));
        Section(html, "Training", TrainingSection(content));
        if (content.Evaluation is { } evaluation)
        {
            Section(html, $"Metrics on the {content.EvaluatedOn} rows", MetricsSection(evaluation));
            Section(html, "Confusion matrix (rows: true class, columns: predicted class)", ConfusionSection(evaluation));
        }
        else html.Append("<p class=\"note\">No held-out rows (no --test-dataset and --validation-fraction 0): no metrics.</p>\n");
        Section(html, "Examples shaded by attention weight", ExamplesSection(content.Examples));
        Section(html, "Trainer options", KeyValueTable(OptionRows(content.Options)));
        html.Append("<p class=\"note\">Written by mlnet-attention ")
            .Append(E(typeof(HtmlReport).Assembly.GetName().Version?.ToString() ?? "")).Append(".</p>\n</body></html>\n");
        return html.ToString();
    }

    private static void Headline(StringBuilder html, ReportContent content)
    {
        html.Append("<div class=\"cards\">");
        if (content.Evaluation is { } e)
        {
            Card(html, "MicroAccuracy", Number(e.Metrics.MicroAccuracy));
            Card(html, "MacroAccuracy", Number(e.Metrics.MacroAccuracy));
            Card(html, "LogLoss", Number(e.Metrics.LogLoss));
        }
        Card(html, "Training time", content.Summary.TrainingSeconds.ToString("F1", Inv) + " s");
        Card(html, "Tokens / s", content.Summary.TokensPerSecond.ToString("F0", Inv));
        html.Append("</div>\n");
    }

    private static void Card(StringBuilder html, string name, string value) =>
        html.Append("<div class=\"card\"><div class=\"value\">").Append(E(value)).Append("</div><div class=\"name\">").Append(E(name)).Append("</div></div>");

    private static string TrainingSection(ReportContent content)
    {
        var s = content.Summary;
        var html = new StringBuilder();
        html.Append(TrainingCurveSvg.Render(content.Epochs, s.BestEpoch));
        var rows = new List<(string, string)>
        {
            ("Stopped by", s.StopReason.ToString()),
            ("Planned epochs", s.PlannedEpochs.ToString(Inv) + (s.PlannedEpochsWereAutomatic ? " (chosen from the data)" : " (given)")
                + $"; early-stopping patience {s.EarlyStoppingPatience.ToString(Inv)}"),
            ("Epochs completed", s.EpochsCompleted.ToString(Inv)),
            ("Kept epoch", s.BestEpoch.ToString(Inv)),
            ("Best validation accuracy", s.BestValidationAccuracy is { } a ? a.ToString("P2", Inv) : "no validation"),
            ("Optimizer steps", s.Steps.ToString(Inv)),
            ("Training rows", s.TrainingRows.ToString(Inv)),
            ("Validation rows", s.ValidationRows.ToString(Inv)),
            ("Classes", s.ClassCount.ToString(Inv)),
            ("Vocabulary", s.VocabularySize.ToString(Inv) + $" tokens ([UNK] is {s.UnknownTokenShare.ToString("P3", Inv)} of the training words)"),
            ("Maximum sequence length", s.MaximumSequenceLength.ToString(Inv) + (s.MaximumSequenceLengthWasAutomatic ? " (chosen from the data)" : " (given)")
                + $"; {s.TruncatedTrainingRows.ToString(Inv)} training rows cut, mean length {s.MeanSequenceLength.ToString("F1", Inv)} tokens"),
            ("N-gram bag", content.Options.NgramDimension == 0 ? "none"
                : (s.NgramMaximumLength > 0 ? $"reads up to {s.NgramMaximumLength.ToString(Inv)} tokens" : "reads the encoder's input")
                  + (s.NgramBuckets > 0 ? $"; {s.NgramBuckets.ToString(Inv)} hash buckets" : "")
                  + $"; table learning rate ×{s.NgramLearningRateScale.ToString("0.##", Inv)}"
                  + (content.Options.SubwordMaximumLength > 0
                      ? $"; character {content.Options.SubwordMinimumLength.ToString(Inv)}- to {content.Options.SubwordMaximumLength.ToString(Inv)}-grams"
                      : "")),
            ("Seed", s.Seed.ToString(Inv)),
        };
        html.Append(KeyValueTable(rows));
        html.Append("<table><tr><th>Epoch</th><th>Mean loss</th><th>Validation accuracy</th><th>Validation loss</th><th>Tokens/s</th><th>Elapsed</th></tr>");
        foreach (var e in content.Epochs)
        {
            html.Append(e.IsBest && e.Epoch == s.BestEpoch ? "<tr class=\"best\">" : "<tr>")
                .Append(Cell(e.Epoch.ToString(Inv))).Append(Cell(e.Loss.ToString("F4", Inv)))
                .Append(Cell(e.ValidationAccuracy?.ToString("P2", Inv) ?? "–")).Append(Cell(e.ValidationLoss?.ToString("F4", Inv) ?? "–"))
                .Append(Cell(e.TokensPerSecond.ToString("F0", Inv))).Append(Cell(e.Elapsed.ToString("hh\\:mm\\:ss", Inv))).Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string MetricsSection(EvaluationResult evaluation)
    {
        var m = evaluation.Metrics;
        var rows = new List<(string, string)>
        {
            ("MicroAccuracy", Number(m.MicroAccuracy)), ("MacroAccuracy", Number(m.MacroAccuracy)),
            ("LogLoss", Number(m.LogLoss)), ("LogLossReduction", Number(m.LogLossReduction)),
        };
        if (m.TopKPredictionCount > 0) rows.Add(($"TopKAccuracy (K = {m.TopKPredictionCount})", Number(m.TopKAccuracy)));
        rows.Add(("Rows evaluated", evaluation.Rows.ToString(Inv) + (evaluation.SkippedRows > 0 ? $" ({evaluation.SkippedRows} skipped: label unknown to the model)" : "")));
        var html = new StringBuilder(KeyValueTable(rows));
        var c = m.ConfusionMatrix;
        html.Append("<table><tr><th>Class</th><th>Rows</th><th>Precision</th><th>Recall</th><th>LogLoss</th></tr>");
        for (int k = 0; k < c.NumberOfClasses; k++)
            html.Append("<tr>").Append(Cell(evaluation.Classes[k])).Append(Cell(c.Counts[k].Sum().ToString("0", Inv)))
                .Append(Cell(Number(c.PerClassPrecision[k]))).Append(Cell(Number(c.PerClassRecall[k]))).Append(Cell(Number(m.PerClassLogLoss[k])))
                .Append("</tr>");
        return html.Append("</table>").ToString();
    }

    private static string ConfusionSection(EvaluationResult evaluation)
    {
        var c = evaluation.Metrics.ConfusionMatrix;
        var html = new StringBuilder("<table class=\"confusion\"><tr><th></th>");
        foreach (string name in evaluation.Classes) html.Append("<th>").Append(E(name)).Append("</th>");
        html.Append("<th>Recall</th></tr>");
        for (int actual = 0; actual < c.NumberOfClasses; actual++)
        {
            double rowSum = Math.Max(1, c.Counts[actual].Sum());
            html.Append("<tr><th>").Append(E(evaluation.Classes[actual])).Append("</th>");
            for (int predicted = 0; predicted < c.NumberOfClasses; predicted++)
            {
                double count = c.Counts[actual][predicted];
                // Shade by the share of the true class's rows: blue on the diagonal, red off it.
                string rgb = actual == predicted ? "31,119,180" : "214,39,40";
                html.Append(F($"<td style=\"background:rgba({rgb},{count / rowSum:F3})\">{count:0}</td>"));
            }
            html.Append("<td>").Append(Number(c.PerClassRecall[actual])).Append("</td></tr>");
        }
        html.Append("<tr><th>Precision</th>");
        foreach (double p in c.PerClassPrecision) html.Append("<td>").Append(Number(p)).Append("</td>");
        return html.Append("<td></td></tr></table>").ToString();
    }

    private static string ExamplesSection(IReadOnlyList<AttentionExample> examples)
    {
        if (examples.Count == 0)
            return "<p class=\"note\">No examples: there were no held-out rows to score.</p>";
        var html = new StringBuilder("<p class=\"note\">Darker tokens weigh more in attention pooling (the weights of a text sum to 1; " +
                                     "hover a token for its weight). Tokens are the model's WordPiece/word tokens; ## marks a word continuation.</p>");
        foreach (var example in examples)
        {
            html.Append(example.IsCorrect ? "<div class=\"example ok\">" : "<div class=\"example wrong\">");
            html.Append("<div class=\"labels\">true <b>").Append(E(example.TrueLabel)).Append("</b> · predicted <b>")
                .Append(E(example.PredictedLabel)).Append("</b> (").Append(example.Probability.ToString("P1", Inv)).Append(")</div><div class=\"tokens\">");
            float max = example.Weights.Count == 0 ? 1f : Math.Max(1e-9f, example.Weights.Max());
            for (int i = 0; i < example.Tokens.Count; i++)
            {
                float weight = i < example.Weights.Count ? example.Weights[i] : 0f;
                html.Append(F($"<span style=\"background:rgba(255,140,0,{weight / max:F3})\" title=\"{weight:F4}\">"))
                    .Append(E(example.Tokens[i])).Append("</span> ");
            }
            html.Append("</div><details><summary>text</summary>").Append(E(example.Text)).Append("</details></div>\n");
        }
        return html.ToString();
    }

    /// <summary>Every saved option of the trainer (run-time-only ones are marked [JsonIgnore] and left out).</summary>
    private static IReadOnlyList<(string, string)> OptionRows(TrainerOptions options) =>
        typeof(TrainerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.Name, FormatValue(p.GetValue(options))))
            .ToList();

    private static string FormatValue(object? value) => value switch
    {
        null => "(default: automatic / none)",
        float f => f.ToString("R", Inv),
        double d => d.ToString("R", Inv),
        float[] array => string.Join(", ", array.Select(v => v.ToString("R", Inv))),
        IFormattable formattable => formattable.ToString(null, Inv),
        _ => value.ToString() ?? "",
    };

    private static string KeyValueTable(IEnumerable<(string Name, string Value)> rows)
    {
        var html = new StringBuilder("<table class=\"kv\">");
        foreach (var (name, value) in rows) html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        return html.Append("</table>").ToString();
    }

    private static void Section(StringBuilder html, string title, string body) =>
        html.Append("<h2>").Append(E(title)).Append("</h2>\n").Append(body).Append('\n');

    private static string Cell(string text) => "<td>" + E(text) + "</td>";

    private static string Number(double value) => value.ToString("F4", Inv);

    private static string F(FormattableString text) => text.ToString(Inv);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}" +
        "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}" +
        "table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:right}" +
        "th{background:#f4f4f4}table.kv th,table.kv td{text-align:left}tr.best td{font-weight:bold}" +
        ".cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:8em}" +
        ".card .value{font-size:1.4em;font-weight:bold}.card .name{color:#666;font-size:.85em}" +
        ".example{border-left:4px solid #2ca02c;padding:.4em .8em;margin:.8em 0;background:#fcfcfc}.example.wrong{border-color:#d62728}" +
        ".labels{font-size:.9em;color:#444;margin-bottom:.3em}.tokens{line-height:1.9}.tokens span{padding:1px 2px;border-radius:3px}" +
        ".note{color:#666;font-size:.9em}details{font-size:.85em;color:#555;margin-top:.3em}";
}
