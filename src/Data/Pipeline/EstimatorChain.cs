// A sequence of estimators, as ML.NET's EstimatorChain: Fit trains each estimator on the output
// of the transformers fitted before it, and GetOutputSchema threads a SchemaShape through all of
// them, so a misnamed column is reported before any training. A cache checkpoint after a stage
// materialises that stage's output in memory for the estimators after it (AppendCacheCheckpoint).
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Estimators fitted in order; fits into a <see cref="TransformerChain{T}"/>.</summary>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IEstimator<ITransformer>[] _estimators;
    private readonly bool[] _cacheAfter;
    private readonly MLContext?[] _cacheContexts;

    /// <summary>An empty chain; start a pipeline with <c>new EstimatorChain&lt;ITransformer&gt;().Append(...)</c>.</summary>
    public EstimatorChain() : this([], [], []) { }

    private EstimatorChain(IEstimator<ITransformer>[] estimators, bool[] cacheAfter, MLContext?[] cacheContexts)
    {
        _estimators = estimators;
        _cacheAfter = cacheAfter;
        _cacheContexts = cacheContexts;
    }

    /// <summary>The estimators, in order.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> Estimators => _estimators;

    /// <summary>This chain followed by <paramref name="estimator"/>.</summary>
    public EstimatorChain<TNewTrans> Append<TNewTrans>(IEstimator<TNewTrans> estimator) where TNewTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTrans>([.. _estimators, estimator], [.. _cacheAfter, false], [.. _cacheContexts, null]);
    }

    /// <summary>Caches the output of the last estimator so that the estimators after it read it from
    /// memory (useful before a trainer that makes several passes over the data).</summary>
    public EstimatorChain<TLastTransformer> AppendCacheCheckpoint(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_estimators.Length == 0) return this; // caching the raw input: the caller can Cache() it directly
        var cacheAfter = (bool[])_cacheAfter.Clone();
        var contexts = (MLContext?[])_cacheContexts.Clone();
        cacheAfter[^1] = true;
        contexts[^1] = context;
        return new EstimatorChain<TLastTransformer>(_estimators, cacheAfter, contexts);
    }

    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Check the whole pipeline's schema first so a late misnamed column fails before early stages train.
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var data = input;
        var transformers = new ITransformer[_estimators.Length];
        for (int i = 0; i < _estimators.Length; i++)
        {
            transformers[i] = _estimators[i].Fit(data);
            if (i == _estimators.Length - 1) break;
            data = transformers[i].Transform(data);
            if (_cacheAfter[i]) data = _cacheContexts[i]!.Data.Cache(data);
        }
        return new TransformerChain<TLastTransformer>(transformers);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var shape = inputSchema;
        foreach (var estimator in _estimators) shape = estimator.GetOutputSchema(shape);
        return shape;
    }
}
