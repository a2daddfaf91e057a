// The confusion matrix of a multiclass evaluation, as ML.NET's Microsoft.ML.Data.ConfusionMatrix:
// counts with the TRUE class in the rows and the PREDICTED class in the columns, per-class precision
// (diagonal / column sum, 0 for a class never predicted) and recall (diagonal / row sum, 0 for a class
// absent from the labels), the class names, and the formatted table ML.NET prints. Rows whose label
// is a class the model has no score for are not in the table (as in ML.NET), so the table's total can
// be below the number of evaluated rows.
using System.Collections.ObjectModel;

namespace MlNetAttention.Data;

/// <summary>Counts of (true class, predicted class) pairs, with per-class precision and recall.</summary>
public sealed class ConfusionMatrix
{
    private string? _formattedTable;

    internal ConfusionMatrix(double[][] counts, IReadOnlyList<ReadOnlyMemory<char>> classNames)
    {
        int K = counts.Length;
        var rows = new IReadOnlyList<double>[K];
        var precision = new double[K];
        var recall = new double[K];
        for (int actual = 0; actual < K; actual++)
        {
            rows[actual] = Array.AsReadOnly((double[])counts[actual].Clone());
            double rowSum = counts[actual].Sum();
            recall[actual] = rowSum > 0 ? counts[actual][actual] / rowSum : 0;
        }
        for (int predicted = 0; predicted < K; predicted++)
        {
            double columnSum = 0;
            for (int actual = 0; actual < K; actual++) columnSum += counts[actual][predicted];
            precision[predicted] = columnSum > 0 ? counts[predicted][predicted] / columnSum : 0;
        }
        NumberOfClasses = K;
        Counts = Array.AsReadOnly(rows);
        PerClassPrecision = Array.AsReadOnly(precision);
        PerClassRecall = Array.AsReadOnly(recall);
        PredictedClassesIndicators = new ReadOnlyCollection<ReadOnlyMemory<char>>(classNames.ToArray());
    }

    /// <summary>For each class c: rows predicted as c whose label is c, over all rows predicted as c
    /// (0 when no row is predicted as c).</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>For each class c: rows labelled c that are predicted as c, over all rows labelled c
    /// (0 when no row is labelled c).</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>The counts: <c>Counts[actual][predicted]</c>, the true classes in the rows and the predicted
    /// classes in the columns (ML.NET 1.x's name).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Counts { get; }

    /// <summary>The same table as <see cref="Counts"/>, under the name early ML.NET versions used.</summary>
    public IReadOnlyList<IReadOnlyList<double>> ConfusionTableCounts => Counts;

    /// <summary>The number of classes (the size of the Score vector).</summary>
    public int NumberOfClasses { get; }

    /// <summary>The name of each class: the Score column's SlotNames when it has them, else the label's
    /// KeyValues (when the label is a key with one value per class), else "0", "1", ...</summary>
    public IReadOnlyList<ReadOnlyMemory<char>> PredictedClassesIndicators { get; }

    /// <summary>The number of rows of true class <paramref name="actualClassIndicatorIndex"/> predicted as
    /// <paramref name="predictedClassIndicatorIndex"/> (note the order: predicted first, as in ML.NET).</summary>
    public double GetCountForClassPair(int predictedClassIndicatorIndex, int actualClassIndicatorIndex)
    {
        if ((uint)predictedClassIndicatorIndex >= (uint)NumberOfClasses)
            throw new ArgumentOutOfRangeException(nameof(predictedClassIndicatorIndex), predictedClassIndicatorIndex,
                $"A class index must be in [0, {NumberOfClasses}).");
        if ((uint)actualClassIndicatorIndex >= (uint)NumberOfClasses)
            throw new ArgumentOutOfRangeException(nameof(actualClassIndicatorIndex), actualClassIndicatorIndex,
                $"A class index must be in [0, {NumberOfClasses}).");
        return Counts[actualClassIndicatorIndex][predictedClassIndicatorIndex];
    }

    /// <summary>The table in ML.NET's layout: a leading empty line, "Confusion table", class names as column
    /// headers and row labels, counts right-aligned in fixed-width cells, recall per row and precision per column
    /// with 4 decimals. When a class name is wider than a cell, the headers become class indices and each row
    /// label reads "index. name". Numbers use the invariant culture.</summary>
    public string GetFormattedConfusionTable() => _formattedTable ??= ConfusionTableFormatter.Format(this);

    public override string ToString() => GetFormattedConfusionTable();
}
