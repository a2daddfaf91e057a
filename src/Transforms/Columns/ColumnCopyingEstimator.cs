// CopyColumns, as ML.NET's ColumnCopyingEstimator/Transformer: each output column is the input
// column under a new name, with the same type and annotations. Nothing to learn.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Copies columns under new names.</summary>
public sealed class ColumnCopyingEstimator : IEstimator<ColumnCopyingTransformer>
{
    private readonly InputOutputColumnPair[] _columns;

    public ColumnCopyingEstimator(MLContext context, params InputOutputColumnPair[] columns)
    {
        ArgumentNullException.ThrowIfNull(context);
        _columns = ColumnArguments.NonEmptyCopy(columns, nameof(columns));
    }

    public ColumnCopyingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new ColumnCopyingTransformer(_columns);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var added = _columns.Select(pair =>
        {
            var input = SchemaErrors.FindColumn(inputSchema, pair.InputColumnName, nameof(ColumnCopyingEstimator));
            return new SchemaShape.Column(pair.OutputColumnName, input.Kind, input.ItemType, input.IsKey, input.Annotations);
        });
        return inputSchema.AddOrReplace([.. added]);
    }
}

/// <summary>Copies columns under new names.</summary>
public sealed class ColumnCopyingTransformer : RowToRowTransformerBase
{
    private readonly InputOutputColumnPair[] _columns;

    internal ColumnCopyingTransformer(InputOutputColumnPair[] columns) => _columns = columns;

    /// <summary>The (output, input) column pairs.</summary>
    public IReadOnlyList<InputOutputColumnPair> Columns => _columns;

    protected override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    public override void Save(ModelSaveContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input}]}, see ColumnPairsConfig.
        ArgumentNullException.ThrowIfNull(context);
        ColumnPairsConfig.Write(context, _columns);
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static ColumnCopyingTransformer Load(ModelLoadContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input}]}, see ColumnPairsConfig.
        ArgumentNullException.ThrowIfNull(context);
        return new ColumnCopyingTransformer(ColumnPairsConfig.Read(context));
    }

    private sealed class Mapper : RowMapper
    {
        private readonly ColumnCopyingTransformer _parent;
        private readonly DataViewSchema.Column[] _inputs;

        public Mapper(ColumnCopyingTransformer parent, DataViewSchema inputSchema) : base(inputSchema)
        {
            _parent = parent;
            _inputs = parent._columns
                .Select(c => SchemaErrors.FindColumn(inputSchema, c.InputColumnName, nameof(ColumnCopyingTransformer)))
                .ToArray();
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
            _parent._columns.Select((c, i) => new DataViewSchema.DetachedColumn(c.OutputColumnName, _inputs[i].Type, _inputs[i].Annotations))
                .ToArray();

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_inputs[outputIndex]];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex) => input.GetGetterAsDelegate(_inputs[outputIndex]);
    }
}
