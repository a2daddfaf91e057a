// Prints an evaluation for people: a table of ML.NET's metrics, a per-class table (rows, precision,
// recall, log-loss) and ML.NET's formatted confusion table (ConfusionMatrix.GetFormattedConfusionTable,
// the layout ML.NET users know). Numbers use the invariant culture and 4 decimals, as ML.NET prints them.
using System.Globalization;
using MlNetAttention.Cli.Model;
using Spectre.Console;

namespace MlNetAttention.Cli.Output;

internal static class MetricsView
{
    /// <summary>Writes the metrics of <paramref name="evaluation"/>, computed on <paramref name="description"/>.</summary>
    public static void Write(CliEnvironment environment, EvaluationResult evaluation, string description)
    {
        var metrics = evaluation.Metrics;
        var console = environment.Console;
        environment.WriteLine();
        environment.WriteLine($"Metrics on {description}:");
        var summary = new Table { Border = TableBorder.Rounded };
        summary.AddColumn("Metric");
        summary.AddColumn(new TableColumn("Value").RightAligned());
        summary.AddRow("MicroAccuracy", Number(metrics.MicroAccuracy));
        summary.AddRow("MacroAccuracy", Number(metrics.MacroAccuracy));
        summary.AddRow("LogLoss", Number(metrics.LogLoss));
        summary.AddRow("LogLossReduction", Number(metrics.LogLossReduction));
        if (metrics.TopKPredictionCount > 0)
            summary.AddRow(Markup.Escape($"TopKAccuracy (K = {metrics.TopKPredictionCount})"), Number(metrics.TopKAccuracy));
        console.Write(summary);

        var confusion = metrics.ConfusionMatrix;
        var perClass = new Table { Border = TableBorder.Rounded };
        perClass.AddColumn("Class");
        foreach (string heading in new[] { "Rows", "Precision", "Recall", "LogLoss" })
            perClass.AddColumn(new TableColumn(heading).RightAligned());
        for (int c = 0; c < confusion.NumberOfClasses; c++)
        {
            double rows = confusion.Counts[c].Sum();
            perClass.AddRow(Markup.Escape(evaluation.Classes[c]),
                rows.ToString("0", CultureInfo.InvariantCulture), Number(confusion.PerClassPrecision[c]),
                Number(confusion.PerClassRecall[c]), Number(metrics.PerClassLogLoss[c]));
        }
        console.Write(perClass);
        environment.WriteLine(confusion.GetFormattedConfusionTable());
    }

    /// <summary>A metric as ML.NET prints it: 4 decimals, invariant culture.</summary>
    public static string Number(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
