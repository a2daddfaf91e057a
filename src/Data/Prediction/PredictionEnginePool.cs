// A thread-safe way to make single predictions from many threads, as Microsoft.Extensions.ML's
// PredictionEnginePool: PredictionEngine itself is not thread-safe (it keeps the example being
// predicted in a field), so the pool hands each caller an engine no other thread is using and takes
// it back afterwards. Engines are made on demand, only when every existing one is busy, and kept for
// reuse, so the pool holds at most as many engines as there were concurrent callers. All engines
// share the one fitted transformer: as in ML.NET, Transform and the cursors it makes must be safe to
// use from several threads (a stage with per-call scratch state rents it per cursor).
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
    /// <exception cref="ObjectDisposedException">The pool has been disposed.</exception>
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
            // An engine that comes back after Dispose is not pooled again.
            if (_disposed) engine.Dispose();
            else _idle.Add(engine);
        }
    }

    /// <summary>Disposes the idle engines; engines in use are disposed when their prediction ends.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var engine)) engine.Dispose();
    }
}
