// An estimator that sits between the cached features and a trainer in a trial's chain: its
// transformer hands the trainer a CancellableDataView, so the trainer's every row read checks the
// trial's token. It exists only while the trial fits; TrialRunner strips it from the fitted chain
// (and never shows it in RunDetail.Estimator), so saved models hold only ML.NET's own transformers.
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML;

/// <summary>Fit-time only: wraps the data the next estimator reads in a <see cref="CancellableDataView"/>.</summary>
internal sealed class CancellationCheckpoint : IEstimator<ITransformer>
{
    private readonly CancellationToken _cancellationToken;

    public CancellationCheckpoint(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    public ITransformer Fit(IDataView input) => new Transformer(_cancellationToken);

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;

    /// <summary>The pass-through transformer; not savable by design (it is removed before any save).</summary>
    internal sealed class Transformer : ITransformer
    {
        private readonly CancellationToken _cancellationToken;

        public Transformer(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
            throw new NotSupportedException("The cancellation checkpoint is a fit-time pass-through, not a row mapper.");

        public IDataView Transform(IDataView input) => new CancellableDataView(input, _cancellationToken);

        void ICanSaveModel.Save(ModelSaveContext ctx) =>
            throw new NotSupportedException("The cancellation checkpoint is removed from a trial's model before it can be saved.");
    }
}
