// PredictionEngine, as in ML.NET: runs a fitted pipeline on one object at a time. The input object
// is presented as a one-row data view; each Predict opens a fresh cursor on the transformed view
// (so a stage that reads ahead in batches sees exactly one row) and copies the output columns into
// a TDst. Not thread-safe, like ML.NET's: make one engine per thread.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Makes single predictions with a fitted pipeline.</summary>
public sealed class PredictionEngine<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly TSrc?[] _example = new TSrc?[1];
    private readonly IDataView _output;
    private readonly List<(PocoMember Member, DataViewSchema.Column Column)> _bound;
    private bool _disposed;

    internal PredictionEngine(ITransformer transformer, bool ignoreMissingColumns)
    {
        var input = new EnumerableDataView<TSrc>(new NonNullRows(_example));
        _output = transformer.Transform(input);
        _bound = ObjectEnumeration.Bind<TDst>(_output.Schema, ignoreMissingColumns);
        OutputSchema = _output.Schema;
    }

    /// <summary>The schema of the transformed data.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>The prediction for <paramref name="example"/>.</summary>
    public TDst Predict(TSrc example)
    {
        var prediction = new TDst();
        Predict(example, ref prediction);
        return prediction;
    }

    /// <summary>Fills <paramref name="prediction"/> with the prediction for <paramref name="example"/>.</summary>
    public void Predict(TSrc example, ref TDst prediction)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(prediction);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _example[0] = example;
        try
        {
            using var cursor = _output.GetRowCursor(_bound.Select(b => b.Column));
            if (!cursor.MoveNext()) throw new InvalidOperationException("The pipeline produced no row for the example.");
            foreach (var (member, column) in _bound) PocoConverters.MakeSetter(member, cursor, column)(prediction);
        }
        finally
        {
            _example[0] = null;
        }
    }

    public void Dispose() => _disposed = true;

    // The one-element source, typed as non-null rows (the slot is only read during Predict).
    private sealed class NonNullRows(TSrc?[] slot) : IReadOnlyCollection<TSrc>
    {
        public int Count => 1;

        public IEnumerator<TSrc> GetEnumerator()
        {
            yield return slot[0] ?? throw new InvalidOperationException("The prediction engine's input is read outside Predict.");
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
