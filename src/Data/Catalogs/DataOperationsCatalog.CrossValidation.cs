// MLContext.Data.CrossValidationSplit, as ML.NET's: k (train, test) pairs whose test sets partition the
// data. Each row's fold is floor(u * k), u in [0, 1) being the same per-row hash draw TrainTestSplit uses
// (SplitHashing: of the sampling key's value when one is named, else of the row id), so the folds are
// deterministic for a seed, independent of reading order, streamed lazily without holding rows, and
// rows with equal sampling keys always share a fold. Fold sizes are binomial, not exactly n / k.
using MlNetAttention.Data;

namespace MlNetAttention;

public sealed partial class DataOperationsCatalog
{
    /// <summary>Splits <paramref name="data"/> into <paramref name="numberOfFolds"/> folds: the i-th pair's
    /// TestSet is fold i and its TrainSet every other fold, so every row is in exactly one test set. With
    /// <paramref name="samplingKeyColumnName"/>, rows with equal values in that column share a fold.</summary>
    public IReadOnlyList<TrainTestData> CrossValidationSplit(IDataView data, int numberOfFolds = 5, string? samplingKeyColumnName = null,
        int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (numberOfFolds < 2)
            throw new ArgumentOutOfRangeException(nameof(numberOfFolds), numberOfFolds, "Cross-validation needs at least 2 folds.");
        var key = FindSamplingKey(data, samplingKeyColumnName, nameof(CrossValidationSplit));
        int splitSeed = seed ?? Context.NextSeed();
        DataViewSchema.Column[] predicateColumns = key is { } k ? [k] : [];
        IDataView Rows(int fold, bool inFold) => new FilterDataView(data, row =>
        {
            var draw = SplitHashing.MakeDraw(row, key, splitSeed);
            return () => (FoldOf(draw(), numberOfFolds) == fold) == inFold;
        }, predicateColumns);
        return Enumerable.Range(0, numberOfFolds)
            .Select(fold => new TrainTestData(Rows(fold, inFold: false), Rows(fold, inFold: true)))
            .ToArray();
    }

    // u < 1 so floor(u * k) < k in exact arithmetic; the Min guards the rounding of u * k.
    private static int FoldOf(double draw, int numberOfFolds) => Math.Min(numberOfFolds - 1, (int)(draw * numberOfFolds));

    // The sampling-key column, checked (exists, and is a scalar that can be hashed), or null when none is named.
    private static DataViewSchema.Column? FindSamplingKey(IDataView data, string? samplingKeyColumnName, string context)
    {
        if (samplingKeyColumnName is null) return null;
        var column = SchemaErrors.FindColumn(data.Schema, samplingKeyColumnName, context);
        if (!SplitHashing.IsSupportedKeyType(column.Type))
            throw SchemaErrors.WrongType(column.Name, column.Type, "a scalar (text, number, Boolean or key)", context);
        return column;
    }
}
