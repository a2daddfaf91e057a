// A fit-time pause standing in for a slow trainer: Fit sleeps for a set time, either polling a
// CancellationToken every 10 ms (a trainer that honours cancellation, like the neural one) or not
// at all (a trainer that polls nothing, like LightGBM's boosting loop). Its transformer passes data
// through. Optionally throws an exception from Fit (an out-of-memory style failure).
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML.Tests;

public sealed class SleepingEstimator : IEstimator<ITransformer>
{
    private readonly TimeSpan _duration;
    private readonly CancellationToken? _cancellationToken;
    private readonly Func<Exception>? _failure;

    public SleepingEstimator(TimeSpan duration, CancellationToken? cancellationToken, Func<Exception>? failure = null) =>
        (_duration, _cancellationToken, _failure) = (duration, cancellationToken, failure);

    public ITransformer Fit(IDataView input)
    {
        if (_failure is not null)
            throw _failure();
        var end = DateTime.UtcNow + _duration;
        while (DateTime.UtcNow < end)
        {
            _cancellationToken?.ThrowIfCancellationRequested();
            Thread.Sleep(_cancellationToken is null ? 50 : 10);
        }
        return new PassThrough();
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;

    private sealed class PassThrough : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => input;

        void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException("Test pass-through.");
    }
}
