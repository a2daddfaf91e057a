// Evaluates a classification pipeline on labelled rows with ML.NET's MulticlassClassification.Evaluate
// and counts what the metrics cover: rows whose label the model knows. A label the model never saw maps
// to the missing key (0) in the label mapping, and ML.NET's evaluator leaves such rows out; the count
// of rows left out is reported next to the metrics. The evaluator reads the classifier's own output
// (PredictedLabel still a key, before MapKeyToValue), as ML.NET's multiclass evaluator expects.
namespace MlNetAttention.Cli.Model;

/// <summary>Metrics, the rows they cover, and the rows of the data left out.</summary>
internal sealed record EvaluationResult(MulticlassClassificationMetrics Metrics, IReadOnlyList<string> Classes, long Rows, long SkippedRows);

internal static class ModelEvaluation
{
    /// <summary>Scores <paramref name="labelled"/> (its label column named <see cref="ClassifierModel.LabelSourceColumn"/>)
    /// and evaluates the scores.</summary>
    /// <exception cref="CliException">No row has a label the model knows.</exception>
    public static EvaluationResult Evaluate(MLContext context, ClassifierModel model, IDataView labelled, int topK)
    {
        var scored = model.Transform(labelled, mapLabels: true, predictedLabelAsKey: true);
        long total = CountRows(labelled);
        var metrics = context.MulticlassClassification.Evaluate(scored, model.LabelKeyColumn, model.ScoreColumn,
            model.PredictedLabelColumn, topK);
        long rows = (long)metrics.ConfusionMatrix.Counts.Sum(r => r.Sum());
        if (rows == 0)
            throw CliException.Failure(
                $"No row could be evaluated: none of the {total} row(s) has a label the model knows ({string.Join(", ", model.ClassNames)}).");
        return new EvaluationResult(metrics, model.ClassNames, rows, total - rows);
    }

    /// <summary>The number of rows of <paramref name="data"/>, counting no further than <paramref name="atMost"/>
    /// (one pass, no column read).</summary>
    public static long CountRows(IDataView data, long atMost = long.MaxValue)
    {
        if (data.GetRowCount() is { } known) return Math.Min(known, atMost);
        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (count < atMost && cursor.MoveNext()) count++;
        return count;
    }
}
