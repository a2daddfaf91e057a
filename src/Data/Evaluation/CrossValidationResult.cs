// One fold of a cross-validation, as ML.NET's TrainCatalogBase.CrossValidationResult<TMetrics>: the
// model fitted on the other folds, this fold's rows scored by that model, and the metrics computed on
// them. (ML.NET nests the class in TrainCatalogBase; here it lives in the root namespace, and its
// members are read-only properties rather than ML.NET's public readonly fields: reading code is the same.)
namespace MlNetAttention;

/// <summary>The model, scored held-out rows and metrics of one cross-validation fold.</summary>
public sealed class CrossValidationResult<TMetrics> where TMetrics : class
{
    public CrossValidationResult(ITransformer model, IDataView scoredHoldOutSet, TMetrics metrics, int fold)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scoredHoldOutSet);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfNegative(fold);
        Model = model;
        ScoredHoldOutSet = scoredHoldOutSet;
        Metrics = metrics;
        Fold = fold;
    }

    /// <summary>The metrics of <see cref="Model"/> on this fold's rows.</summary>
    public TMetrics Metrics { get; }

    /// <summary>The model trained on every fold but this one.</summary>
    public ITransformer Model { get; }

    /// <summary>This fold's rows transformed by <see cref="Model"/> (lazy, like any Transform output).</summary>
    public IDataView ScoredHoldOutSet { get; }

    /// <summary>The 0-based index of this fold.</summary>
    public int Fold { get; }
}
