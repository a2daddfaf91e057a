// A thread-safe way to make single predictions from many threads, as Microsoft.Extensions.ML's
// PredictionEnginePool: PredictionEngine itself is not thread-safe (it keeps the example being
// predicted in a field), so the pool hands each caller an engine no other thread is using and takes
// it back afterwards. Engines are made on demand and kept for reuse. The scoring transformer below an
// engine is safe to share: each engine's cursors rent their own model instance.
using System.Collections.Concurrent;

namespace MlNetAttention;

/// <summary>Predictions from any number of threads over one fitted pipeline.</summary>
public sealed class PredictionEnginePool<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly ModelOperationsCatalog _catalog;
    private readonly ITransformer _model;
    private readonly bool _ignoreMissingColumns;
    private readonly ConcurrentBag<PredictionEngine<TSrc, TDst>> _idle = [];
    private volatile bool _disposed;

    internal PredictionEnginePool(ModelOperationsCatalog catalog, ITransformer model, bool ignoreMissingColumns)
    {
        _catalog = catalog;
        _model = model;
        _ignoreMissingColumns = ignoreMissingColumns;
        _idle.Add(catalog.CreatePredictionEngine<TSrc, TDst>(model, ignoreMissingColumns)); // fail early on a schema mismatch
    }

    /// <summary>The prediction for <paramref name="example"/>; safe to call from several threads at once.</summary>
    public TDst Predict(TSrc example)
    {
        ArgumentNullException.ThrowIfNull(example);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var engine = _idle.TryTake(out var idle) ? idle : _catalog.CreatePredictionEngine<TSrc, TDst>(_model, _ignoreMissingColumns);
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            _idle.Add(engine);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var engine)) engine.Dispose();
    }
}

/// <summary>Creates <see cref="PredictionEnginePool{TSrc, TDst}"/>s.</summary>
public static class PredictionEnginePoolCatalog
{
    /// <summary>A thread-safe pool of prediction engines over <paramref name="transformer"/>.</summary>
    public static PredictionEnginePool<TSrc, TDst> CreatePredictionEnginePool<TSrc, TDst>(this ModelOperationsCatalog catalog,
        ITransformer transformer, bool ignoreMissingColumns = true)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(transformer);
        return new PredictionEnginePool<TSrc, TDst>(catalog, transformer, ignoreMissingColumns);
    }
}
