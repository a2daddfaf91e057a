// SelectColumns and DropColumns, as ML.NET's ColumnSelectingEstimator/Transformer. Select keeps
// the named columns, in the order given (with keepHidden, the hidden columns of those names come
// just before the visible one, in input order); Drop removes the named columns (visible and
// hidden) and keeps the rest in input order. Naming a column that does not exist is an error.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Keeps or drops columns.</summary>
public sealed class ColumnSelectingEstimator : IEstimator<ColumnSelectingTransformer>
{
    private readonly string[]? _keep;
    private readonly string[]? _drop;
    private readonly bool _keepHidden;

    /// <summary>Keeps <paramref name="keepColumns"/> or drops <paramref name="dropColumns"/> (give exactly one).</summary>
    public ColumnSelectingEstimator(MLContext context, string[]? keepColumns, string[]? dropColumns, bool keepHidden = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((keepColumns is null) == (dropColumns is null))
            throw new ArgumentException("Give either the columns to keep or the columns to drop.", nameof(keepColumns));
        _keep = keepColumns is null ? null : ColumnArguments.NonEmptyNames(keepColumns, nameof(keepColumns));
        _drop = dropColumns is null ? null : ColumnArguments.NonEmptyNames(dropColumns, nameof(dropColumns));
        _keepHidden = keepHidden;
    }

    public ColumnSelectingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new ColumnSelectingTransformer(_keep, _drop, _keepHidden);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (string name in _keep ?? _drop!) SchemaErrors.FindColumn(inputSchema, name, nameof(ColumnSelectingEstimator));
        if (_keep is not null)
            return new SchemaShape(_keep.Distinct().Select(name => SchemaErrors.FindColumn(inputSchema, name)));
        var dropped = _drop!.ToHashSet(StringComparer.Ordinal);
        return new SchemaShape(inputSchema.Where(c => !dropped.Contains(c.Name)));
    }
}

/// <summary>Keeps or drops columns.</summary>
public sealed class ColumnSelectingTransformer : ITransformer, ICanSaveModel
{
    private readonly string[]? _keep;
    private readonly string[]? _drop;
    private readonly bool _keepHidden;

    internal ColumnSelectingTransformer(string[]? keep, string[]? drop, bool keepHidden)
    {
        _keep = keep;
        _drop = drop;
        _keepHidden = keepHidden;
    }

    /// <summary>The indices of the input columns that form the output, in output order.</summary>
    private int[] Select(DataViewSchema inputSchema)
    {
        foreach (string name in _keep ?? _drop!) SchemaErrors.FindColumn(inputSchema, name, nameof(ColumnSelectingTransformer));
        if (_drop is not null)
        {
            var dropped = _drop.ToHashSet(StringComparer.Ordinal);
            return inputSchema.Where(c => !dropped.Contains(c.Name) && (_keepHidden || !c.IsHidden)).Select(c => c.Index).ToArray();
        }
        return _keep!.Distinct().SelectMany(name => _keepHidden
            ? inputSchema.Where(c => c.Name == name).Select(c => c.Index)
            : [inputSchema[name].Index]).ToArray();
    }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return ColumnSubsetDataView.MakeSchema(inputSchema, Select(inputSchema));
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ColumnSubsetDataView(input, Select(input.Schema));
    }

    private sealed record SavedConfig(int Version, List<string>? Keep, List<string>? Drop, bool KeepHidden);

    public void Save(ModelSaveContext context)
    {
        // Binary format: config.json {version: 1, keep: [names] or null, drop: [names] or null, keepHidden}.
        ArgumentNullException.ThrowIfNull(context);
        context.WriteJson("config.json", new SavedConfig(1, _keep?.ToList(), _drop?.ToList(), _keepHidden));
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static ColumnSelectingTransformer Load(ModelLoadContext context)
    {
        // Binary format: config.json {version: 1, keep: [names] or null, drop: [names] or null, keepHidden}.
        ArgumentNullException.ThrowIfNull(context);
        var config = context.ReadJson<SavedConfig>("config.json");
        if (config.Version != 1) throw context.Error("config.json", $"unknown version {config.Version}");
        var names = config.Keep ?? config.Drop;
        if ((config.Keep is null) == (config.Drop is null) || names is not { Count: > 0 } || names.Any(string.IsNullOrEmpty))
            throw context.Error("config.json", "exactly one non-empty list of columns to keep or drop is needed");
        return new ColumnSelectingTransformer(config.Keep?.ToArray(), config.Drop?.ToArray(), config.KeepHidden);
    }
}
