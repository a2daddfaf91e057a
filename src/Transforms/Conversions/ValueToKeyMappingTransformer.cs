// MapValueToKey's fitted transformer: for each column, the learned terms map values to keys
// 1..Count and anything else (unseen or missing) to 0. The output column is a key of Count (a
// vector of keys for a vector input) with the terms as its KeyValues annotation, which is how
// MapKeyToValue, the trainer and the metrics recover the original labels.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Maps values to keys with learned dictionaries.</summary>
public sealed class ValueToKeyMappingTransformer : RowToRowTransformerBase
{
    internal sealed record ColumnMap(string OutputColumnName, string InputColumnName, TermMap Terms, bool KeyValuesAsText);

    private readonly ColumnMap[] _columns;

    internal ValueToKeyMappingTransformer(IEnumerable<ColumnMap> columns) => _columns = columns.ToArray();

    /// <summary>The (output, input) column pairs.</summary>
    public IReadOnlyList<InputOutputColumnPair> Columns =>
        _columns.Select(c => new InputOutputColumnPair(c.OutputColumnName, c.InputColumnName)).ToArray();

    /// <summary>The number of keys of output column <paramref name="outputColumnName"/>.</summary>
    public int GetKeyCount(string outputColumnName) =>
        (_columns.FirstOrDefault(c => c.OutputColumnName == outputColumnName)
            ?? throw new ArgumentException($"No output column '{outputColumnName}'.", nameof(outputColumnName))).Terms.Count;

    protected override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed record SavedColumn(string Output, string Input, string ItemType, bool KeyValuesAsText, string TermsEntry);

    private sealed record SavedConfig(int Version, List<SavedColumn> Columns);

    public override void Save(ModelSaveContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input, itemType, keyValuesAsText,
        // termsEntry}]} and one terms_<i>.bin per column (int32 count, then the terms; see TermMap).
        ArgumentNullException.ThrowIfNull(context);
        var columns = new List<SavedColumn>();
        for (int i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            string entry = $"terms_{i}.bin";
            context.WriteBinary(entry, column.Terms.WriteTerms);
            columns.Add(new SavedColumn(column.OutputColumnName, column.InputColumnName,
                DataViewTypeFormat.Format(column.Terms.ItemType), column.KeyValuesAsText, entry));
        }
        context.WriteJson("config.json", new SavedConfig(1, columns));
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static ValueToKeyMappingTransformer Load(ModelLoadContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input, itemType, keyValuesAsText,
        // termsEntry}]} and one terms_<i>.bin per column (int32 count, then the terms; see TermMap).
        ArgumentNullException.ThrowIfNull(context);
        var config = context.ReadJson<SavedConfig>("config.json");
        if (config.Version != 1) throw context.Error("config.json", $"unknown version {config.Version}");
        if (config.Columns is not { Count: > 0 }) throw context.Error("config.json", "no columns");
        var columns = config.Columns.Select(c =>
        {
            if (string.IsNullOrEmpty(c.Output) || string.IsNullOrEmpty(c.Input) || string.IsNullOrEmpty(c.TermsEntry))
                throw context.Error("config.json", "a column lacks its names or terms entry");
            if (DataViewTypeFormat.Parse(c.ItemType) is not PrimitiveDataViewType itemType || !TermMap.Supports(itemType))
                throw context.Error("config.json", $"column '{c.Output}' has unsupported item type '{c.ItemType}'");
            var terms = context.ReadBinary(c.TermsEntry, reader => TermMap.Read(itemType, reader));
            return new ColumnMap(c.Output, c.Input, terms, c.KeyValuesAsText);
        });
        return new ValueToKeyMappingTransformer(columns);
    }

    private sealed class Mapper : RowMapper
    {
        private readonly ValueToKeyMappingTransformer _parent;
        private readonly DataViewSchema.Column[] _inputs;

        public Mapper(ValueToKeyMappingTransformer parent, DataViewSchema inputSchema) : base(inputSchema)
        {
            _parent = parent;
            _inputs = parent._columns.Select(c =>
            {
                var input = SchemaErrors.FindColumn(inputSchema, c.InputColumnName, nameof(ValueToKeyMappingTransformer));
                if (!input.Type.GetItemType().Equals(c.Terms.ItemType) || input.Type.GetKeyType() is not null)
                {
                    throw SchemaErrors.WrongType(input.Name, input.Type,
                        $"{c.Terms.ItemType} (or a vector of it), as when the mapping was fitted", nameof(ValueToKeyMappingTransformer));
                }
                return input;
            }).ToArray();
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
            _parent._columns.Select((c, i) =>
            {
                var key = new KeyDataViewType(typeof(uint), (ulong)c.Terms.Count);
                DataViewType type = _inputs[i].Type is VectorDataViewType vector
                    ? new VectorDataViewType(key, [.. vector.Dimensions])
                    : key;
                var annotations = new DataViewSchema.Annotations.Builder();
                c.Terms.AddKeyValues(annotations, c.KeyValuesAsText);
                return new DataViewSchema.DetachedColumn(c.OutputColumnName, type, annotations.ToAnnotations());
            }).ToArray();

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_inputs[outputIndex]];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex) =>
            _parent._columns[outputIndex].Terms.MakeKeyGetter(input, _inputs[outputIndex]);
    }
}
