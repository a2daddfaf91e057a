// The estimator contract of ML.NET: an untrained component that learns from data (Fit) and
// becomes a transformer. GetOutputSchema predicts the output shape without data, so a whole
// pipeline can be checked (column names, kinds, types) before any training starts.
namespace MlNetAttention;

/// <summary>Learns from data and produces a transformer.</summary>
public interface IEstimator<out TTransformer> where TTransformer : ITransformer
{
    /// <summary>Trains on <paramref name="input"/> and returns the fitted transformer.</summary>
    TTransformer Fit(IDataView input);

    /// <summary>The shape of the output for an input of shape <paramref name="inputSchema"/>;
    /// throws a SchemaMismatchException naming the column when the input does not fit.</summary>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
