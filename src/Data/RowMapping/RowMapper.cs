// The row-to-row mapping contract behind most transformers: for one input schema, a RowMapper
// names the columns it adds, which input columns each added column reads, and makes a getter that
// computes an added column from the input row. RowToRowTransformerBase turns a RowMapper into
// GetOutputSchema and a lazy Transform, so a new transform is only this class plus its Save/Load.
namespace MlNetAttention;

/// <summary>Adds computed columns to rows of one input schema.</summary>
public abstract class RowMapper
{
    private DataViewSchema.DetachedColumn[]? _outputColumns;

    /// <summary>The schema this mapper was bound to (already validated by the constructor).</summary>
    public DataViewSchema InputSchema { get; }

    protected RowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputSchema = inputSchema;
    }

    /// <summary>The added columns, in order; computed once.</summary>
    public IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputColumns ??= GetOutputColumnsCore();

    /// <summary>The added columns, in order. An added column with the name of an input column hides it.</summary>
    protected abstract DataViewSchema.DetachedColumn[] GetOutputColumnsCore();

    /// <summary>The input columns that added column <paramref name="outputIndex"/> reads.</summary>
    public abstract IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex);

    /// <summary>Makes the getter of added column <paramref name="outputIndex"/> over <paramref name="input"/>:
    /// a ValueGetter of that column's raw type. Called once per cursor, so per-cursor buffers go in the closure.</summary>
    public abstract Delegate MakeGetter(DataViewRow input, int outputIndex);
}
