// MapKeyToValue's transformer: key k of an input column becomes element k - 1 of the column's
// KeyValues annotation; key 0 (missing) and keys above the count become the type's missing value
// (empty text, NaN, 0, false). It holds no state beyond the column names: the values come from the
// input schema's annotation, as in ML.NET, so it saves and loads trivially.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Maps keys to the values in their KeyValues annotation.</summary>
public sealed class KeyToValueMappingTransformer : RowToRowTransformerBase
{
    internal const string ExpectedType = "a key (or vector of keys) with a KeyValues annotation";

    private readonly InputOutputColumnPair[] _columns;

    internal KeyToValueMappingTransformer(InputOutputColumnPair[] columns) => _columns = columns;

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
    public static KeyToValueMappingTransformer Load(ModelLoadContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input}]}, see ColumnPairsConfig.
        ArgumentNullException.ThrowIfNull(context);
        return new KeyToValueMappingTransformer(ColumnPairsConfig.Read(context));
    }

    private sealed class Mapper : RowMapper
    {
        private readonly KeyToValueMappingTransformer _parent;
        private readonly DataViewSchema.Column[] _inputs;
        private readonly VectorDataViewType[] _valueTypes;

        public Mapper(KeyToValueMappingTransformer parent, DataViewSchema inputSchema) : base(inputSchema)
        {
            _parent = parent;
            _inputs = parent._columns
                .Select(c => SchemaErrors.FindColumn(inputSchema, c.InputColumnName, nameof(KeyToValueMappingTransformer)))
                .ToArray();
            _valueTypes = _inputs.Select(input =>
                input.HasKeyValues() && input.GetAnnotationTypeOrNull(AnnotationUtils.Kinds.KeyValues) is VectorDataViewType values
                    ? values
                    : throw SchemaErrors.WrongType(input.Name, input.Type, ExpectedType, nameof(KeyToValueMappingTransformer))).ToArray();
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
            _parent._columns.Select((c, i) =>
            {
                var item = _valueTypes[i].ItemType;
                DataViewType type = _inputs[i].Type is VectorDataViewType vector ? new VectorDataViewType(item, [.. vector.Dimensions]) : item;
                return new DataViewSchema.DetachedColumn(c.OutputColumnName, type);
            }).ToArray();

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_inputs[outputIndex]];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var column = _inputs[outputIndex];
            var itemType = _valueTypes[outputIndex].ItemType;
            var method = typeof(Mapper).GetMethod(nameof(MakeGetterCore),
                System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
            return (Delegate)method.MakeGenericMethod(itemType.RawType).Invoke(null, System.Reflection.BindingFlags.DoNotWrapExceptions,
                null, [input, column, MissingValue(itemType)], null)!;
        }

        private static object MissingValue(PrimitiveDataViewType type) =>
            type == NumberDataViewType.Single ? float.NaN
            : type == NumberDataViewType.Double ? double.NaN
            : type is TextDataViewType ? ReadOnlyMemory<char>.Empty
            : Activator.CreateInstance(type.RawType)!;

        private static Delegate MakeGetterCore<T>(DataViewRow input, DataViewSchema.Column column, object missingBoxed)
        {
            VBuffer<T> keyValues = default;
            column.GetKeyValues(ref keyValues);
            var values = keyValues.DenseValues().ToArray();
            var missing = (T)missingBoxed;
            T Value(uint key) => key >= 1 && key <= values.Length ? values[key - 1] : missing;

            if (column.Type is VectorDataViewType)
            {
                var keysGetter = input.GetGetter<VBuffer<uint>>(column);
                VBuffer<uint> keys = default;
                return new ValueGetter<VBuffer<T>>((ref VBuffer<T> output) =>
                {
                    keysGetter(ref keys);
                    var editor = VBufferEditor.Create(ref output, keys.Length);
                    int i = 0;
                    foreach (uint key in keys.DenseValues()) editor.Values[i++] = Value(key);
                    output = editor.Commit();
                });
            }
            var keyGetter = input.GetGetter<uint>(column);
            uint current = 0;
            return new ValueGetter<T>((ref T output) =>
            {
                keyGetter(ref current);
                output = Value(current);
            });
        }
    }
}
