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
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0 || columns.Any(c => c is null))
            throw new ArgumentException("Give at least one column pair, and no null ones.", nameof(columns));
        _columns = (InputOutputColumnPair[])columns.Clone();
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

    private sealed record SavedPair(string Output, string Input);

    private sealed record SavedConfig(int Version, List<SavedPair> Columns);

    public override void Save(ModelSaveContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input}]}.
        ArgumentNullException.ThrowIfNull(context);
        context.WriteJson("config.json", new SavedConfig(1, _columns.Select(c => new SavedPair(c.OutputColumnName, c.InputColumnName)).ToList()));
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static ColumnCopyingTransformer Load(ModelLoadContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input}]}.
        ArgumentNullException.ThrowIfNull(context);
        var config = context.ReadJson<SavedConfig>("config.json");
        if (config.Version != 1) throw context.Error("config.json", $"unknown version {config.Version}");
        if (config.Columns is not { Count: > 0 } || config.Columns.Any(c => string.IsNullOrEmpty(c?.Output) || string.IsNullOrEmpty(c.Input)))
            throw context.Error("config.json", "missing or incomplete column pairs");
        return new ColumnCopyingTransformer(config.Columns.Select(c => new InputOutputColumnPair(c.Output, c.Input)).ToArray());
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
