// MulticlassClassification.Evaluate's engine: checks the three columns, reads the data in ONE streaming
// pass (only the label and score columns are active; nothing is materialised) and feeds each valid row
// to MulticlassMetricsAccumulator. Row handling follows ML.NET's MulticlassClassificationEvaluator:
//  - the label is read as a class index: key k -> k - 1, a Single/Double label as is;
//  - a missing label (key 0, NaN) is skipped as unlabeled; a negative, infinite or fractional label is
//    skipped as invalid; then a Score holding NaN or an infinity is skipped as a bad score; each kind
//    is counted and reported as one warning in the context's log;
//  - the metrics come from the Score vector only (argmax for the predicted class), as in ML.NET, whose
//    evaluator never reads PredictedLabel: that column must exist and be a scalar, but its values are
//    not used. A scalar rather than only a key because ML.NET code often maps PredictedLabel back to
//    its value (MapKeyToValue) before evaluating, and ML.NET accepts that.
// Deviation: ML.NET returns all-zero metrics when no row is usable; this throws instead, saying why,
// because zeros there are always a mistake (a wrong label column, every label missing).
using System.Globalization;
using MlNetAttention.Runtime;

namespace MlNetAttention.Data;

internal static class MulticlassClassificationEvaluator
{
    /// <summary>The source name of this evaluator's log messages.</summary>
    public const string LogSource = "MulticlassClassificationEvaluator";

    private const string Context = "MulticlassClassification.Evaluate";

    public static MulticlassClassificationMetrics Evaluate(MLContext context, IDataView data, string labelColumnName,
        string scoreColumnName, string predictedLabelColumnName, int topKPredictionCount)
    {
        var schema = data.Schema;
        var label = SchemaErrors.FindColumn(schema, labelColumnName, Context);
        if (!IsLabelType(label.Type))
            throw SchemaErrors.WrongType(label.Name, label.Type, "Key, Single or Double", Context);
        var score = SchemaErrors.FindColumn(schema, scoreColumnName, Context);
        if (score.Type is not VectorDataViewType { IsKnownSize: true, Size: >= 2 } scoreType || scoreType.ItemType != NumberDataViewType.Single)
            throw SchemaErrors.WrongType(score.Name, score.Type, "Vector<Single> of known size >= 2 (one probability per class)", Context);
        var predicted = SchemaErrors.FindColumn(schema, predictedLabelColumnName, Context);
        if (predicted.Type is not PrimitiveDataViewType || predicted.Type is RowIdDataViewType)
            throw SchemaErrors.WrongType(predicted.Name, predicted.Type, "a scalar (a key, or its value after MapKeyToValue)", Context);

        int K = scoreType.Size;
        var accumulator = new MulticlassMetricsAccumulator(K, topKPredictionCount);
        long unlabeled = 0, invalidLabels = 0, badScores = 0;
        using (var cursor = data.GetRowCursor([label, score]))
        {
            var readLabel = MakeLabelReader(cursor, label);
            var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
            VBuffer<float> scoreValues = default;
            var scores = new float[K];
            while (cursor.MoveNext())
            {
                double value = readLabel();
                if (double.IsNaN(value))
                {
                    unlabeled++;
                    continue;
                }
                if (!double.IsFinite(value) || value < 0 || value != Math.Floor(value))
                {
                    invalidLabels++;
                    continue;
                }
                scoreGetter(ref scoreValues);
                if (scoreValues.Length != K)
                    throw new InvalidOperationException(
                        $"{Context}: row {cursor.Position} of column '{score.Name}' has {scoreValues.Length} values, but its type {score.Type} says {K}.");
                if (!AllFinite(scoreValues.GetValues()))
                {
                    badScores++;
                    continue;
                }
                scoreValues.CopyTo(scores);
                accumulator.Add(value >= K ? K : (int)value, scores);
            }
        }

        Warn(context, unlabeled, n => $"Skipped {n} row(s) with a missing label (key 0 or NaN) in column '{label.Name}'.");
        Warn(context, invalidLabels, n => $"Skipped {n} row(s) whose label in column '{label.Name}' is negative, infinite or not a whole number.");
        Warn(context, badScores, n => $"Skipped {n} row(s) whose score vector in column '{score.Name}' holds NaN or an infinity.");
        Warn(context, accumulator.UnknownClassRows, n =>
            $"Found {n} row(s) whose label is a class with no score slot (class index >= {K}, unseen in training); " +
            "each counts as wrong and adds -ln(1e-15) to the log-loss.");
        if (accumulator.Rows == 0)
        {
            throw new ArgumentException(
                $"{Context}: no row to evaluate: {unlabeled} row(s) have a missing label, {invalidLabels} an invalid label " +
                $"and {badScores} a NaN or infinite score in column '{score.Name}'.", nameof(data));
        }
        return accumulator.ToMetrics(ClassNames(label, score, K));
    }

    private static bool IsLabelType(DataViewType type) =>
        type is KeyDataViewType || type == NumberDataViewType.Single || type == NumberDataViewType.Double;

    // The label as a 0-based class index in a double, NaN when missing.
    private static Func<double> MakeLabelReader(DataViewRow row, DataViewSchema.Column label)
    {
        if (label.Type is KeyDataViewType)
        {
            var getter = row.GetGetter<uint>(label);
            uint key = 0;
            return () =>
            {
                getter(ref key);
                return key == 0 ? double.NaN : key - 1.0;
            };
        }
        if (label.Type == NumberDataViewType.Single)
        {
            var getter = row.GetGetter<float>(label);
            float value = 0;
            return () =>
            {
                getter(ref value);
                return value;
            };
        }
        var doubleGetter = row.GetGetter<double>(label);
        double number = 0;
        return () =>
        {
            doubleGetter(ref number);
            return number;
        };
    }

    // Only the stored values: the implicit zeros of a sparse vector are finite.
    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) return false;
        }
        return true;
    }

    private static void Warn(MLContext context, long count, Func<long, string> message)
    {
        if (count > 0) context.WriteLog(LogSource, ChannelMessageKind.Warning, message(count));
    }

    // The Score column's SlotNames (ML.NET's source of class names), else the label's KeyValues when the label
    // is a key with exactly one value per class (an addition: ML.NET falls back to indices directly), else "0", "1", ...
    private static ReadOnlyMemory<char>[] ClassNames(DataViewSchema.Column label, DataViewSchema.Column score, int K)
    {
        if (score.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            score.GetSlotNames(ref slotNames);
            return slotNames.DenseValues().ToArray();
        }
        if (label.Type is KeyDataViewType key && key.Count == (ulong)K && label.HasKeyValues()
            && label.GetAnnotationTypeOrNull(AnnotationUtils.Kinds.KeyValues) is VectorDataViewType keyValuesType)
        {
            return (ReadOnlyMemory<char>[])GenericMethods.InvokeStatic(typeof(MulticlassClassificationEvaluator),
                nameof(KeyValueNames), [keyValuesType.ItemType.RawType], label)!;
        }
        return Enumerable.Range(0, K).Select(i => i.ToString(CultureInfo.InvariantCulture).AsMemory()).ToArray();
    }

    private static ReadOnlyMemory<char>[] KeyValueNames<T>(DataViewSchema.Column label)
    {
        VBuffer<T> values = default;
        label.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v switch
        {
            ReadOnlyMemory<char> text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture).AsMemory(),
            _ => (v?.ToString() ?? "").AsMemory(),
        }).ToArray();
    }
}
