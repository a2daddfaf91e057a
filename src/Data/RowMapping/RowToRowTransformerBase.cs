// A base for transformers that add columns computed row by row from the same row of the input
// (tokenizers, key mappings, copies, scoring). Subclasses bind a RowMapper to an input schema
// (checking it, with SchemaErrors) and save themselves; this class provides GetOutputSchema and a
// lazy Transform whose cursors read only the input columns the requested outputs depend on.
namespace MlNetAttention;

/// <summary>A transformer defined by a <see cref="RowMapper"/>.</summary>
public abstract class RowToRowTransformerBase : ITransformer, ICanSaveModel
{
    /// <summary>Binds to <paramref name="inputSchema"/>; throws a SchemaMismatchException naming the column
    /// when the schema does not fit.</summary>
    protected abstract RowMapper MakeRowMapper(DataViewSchema inputSchema);

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return RowMappedDataView.MakeOutputSchema(MakeRowMapper(inputSchema));
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowMappedDataView(input, MakeRowMapper(input.Schema));
    }

    public abstract void Save(ModelSaveContext context);
}
