// Evaluates a classification pipeline on labelled rows with MulticlassClassification.Evaluate (ML.NET's
// metric definitions) and counts what the metrics cover: rows whose label the model knows. A label the
// model never saw maps to key 0 (missing) in the label mapping, and the evaluator skips such rows (as
// ML.NET does) and says so in the log; the count of skipped rows is reported next to the metrics.
using MlNetAttention.Data;

namespace MlNetAttention.Cli.Model;

/// <summary>Metrics, the rows they cover, and the rows of the data left out.</summary>
internal sealed record EvaluationResult(MulticlassClassificationMetrics Metrics, long Rows, long SkippedRows);

internal static class ModelEvaluation
{
    /// <summary>Scores <paramref name="labelled"/> (its label column named <see cref="ClassifierModel.LabelSourceColumn"/>)
    /// and evaluates the scores.</summary>
    /// <exception cref="CliException">No row has a label the model knows.</exception>
    public static EvaluationResult Evaluate(MLContext context, ClassifierModel model, IDataView labelled, int topK)
    {
        var scored = model.Transform(labelled, mapLabels: true);
        MulticlassClassificationMetrics metrics;
        try
        {
            metrics = context.MulticlassClassification.Evaluate(scored, model.LabelKeyColumn, model.ScoreColumn,
                model.PredictedLabelColumn, topK);
        }
        catch (ArgumentException e) when (e is not SchemaMismatchException)
        {
            // "No row could be evaluated": every label missing or unknown to the model.
            throw CliException.Failure($"{e.Message} The model knows the labels: {string.Join(", ", model.ClassNames)}.");
        }
        long rows = (long)metrics.ConfusionMatrix.Counts.Sum(r => r.Sum());
        long total = CountRows(labelled);
        return new EvaluationResult(metrics, rows, total - rows);
    }

    /// <summary>The number of rows of <paramref name="data"/> (one pass, no column read).</summary>
    public static long CountRows(IDataView data)
    {
        if (data.GetRowCount() is { } known) return known;
        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) count++;
        return count;
    }
}
