// The transformer contract of ML.NET: a fitted component that maps an IDataView to another.
// Transform is lazy: it only checks the schema and wraps the input; rows are computed when a
// cursor reads them. Transformers that can be written to a model file also implement ICanSaveModel.
namespace MlNetAttention;

/// <summary>A fitted, immutable mapping from one IDataView to another.</summary>
public interface ITransformer
{
    /// <summary>The schema Transform would produce; throws a SchemaMismatchException naming the column
    /// when the input schema does not fit.</summary>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>Lazily applies the transformation.</summary>
    IDataView Transform(IDataView input);
}
