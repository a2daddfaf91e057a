// The fitted Concatenate: see ColumnConcatenatingEstimator. Reads every input into one dense
// output vector per row, reusing the caller's buffer.
using System.Runtime.InteropServices;
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Concatenates columns into one vector column.</summary>
public sealed class ColumnConcatenatingTransformer : RowToRowTransformerBase
{
    private readonly string _outputColumnName;
    private readonly string[] _inputColumnNames;

    internal ColumnConcatenatingTransformer(string outputColumnName, string[] inputColumnNames)
    {
        _outputColumnName = outputColumnName;
        _inputColumnNames = inputColumnNames;
    }

    public string OutputColumnName => _outputColumnName;
    public IReadOnlyList<string> InputColumnNames => _inputColumnNames;

    protected override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed record SavedConfig(int Version, string Output, List<string> Inputs);

    public override void Save(ModelSaveContext context)
    {
        // Binary format: config.json {version: 1, output, inputs: [names]}.
        ArgumentNullException.ThrowIfNull(context);
        context.WriteJson("config.json", new SavedConfig(1, _outputColumnName, [.. _inputColumnNames]));
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static ColumnConcatenatingTransformer Load(ModelLoadContext context)
    {
        // Binary format: config.json {version: 1, output, inputs: [names]}.
        ArgumentNullException.ThrowIfNull(context);
        var config = context.ReadJson<SavedConfig>("config.json");
        if (config.Version != 1) throw context.Error("config.json", $"unknown version {config.Version}");
        if (string.IsNullOrEmpty(config.Output) || config.Inputs is not { Count: > 0 } || config.Inputs.Any(string.IsNullOrEmpty))
            throw context.Error("config.json", "missing output or input column names");
        return new ColumnConcatenatingTransformer(config.Output, [.. config.Inputs]);
    }

    private sealed class Mapper : RowMapper
    {
        private readonly ColumnConcatenatingTransformer _parent;
        private readonly DataViewSchema.Column[] _inputs;
        private readonly PrimitiveDataViewType _itemType;
        private readonly int _size;

        public Mapper(ColumnConcatenatingTransformer parent, DataViewSchema inputSchema) : base(inputSchema)
        {
            _parent = parent;
            _inputs = parent._inputColumnNames
                .Select(name => SchemaErrors.FindColumn(inputSchema, name, nameof(ColumnConcatenatingTransformer)))
                .ToArray();
            _itemType = _inputs[0].Type.GetItemType();
            foreach (var input in _inputs)
            {
                if (input.Type is not (PrimitiveDataViewType or VectorDataViewType) || !input.Type.GetItemType().Equals(_itemType))
                    throw SchemaErrors.WrongType(input.Name, input.Type, $"{_itemType} items like column '{_inputs[0].Name}'",
                        nameof(ColumnConcatenatingTransformer));
            }
            _size = _inputs.Any(i => i.Type is VectorDataViewType { IsKnownSize: false })
                ? 0
                : _inputs.Sum(i => i.Type is VectorDataViewType v ? v.Size : 1);
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
        {
            var annotations = new DataViewSchema.Annotations.Builder();
            if (_size > 0 && _inputs.All(i => i.Type is PrimitiveDataViewType || i.HasSlotNames()))
            {
                var names = _inputs.SelectMany(SlotNamesOf).ToArray();
                annotations.AddSlotNames(names.Length, (ref VBuffer<ReadOnlyMemory<char>> value) =>
                    value = new VBuffer<ReadOnlyMemory<char>>(names.Length, (ReadOnlyMemory<char>[])names.Clone()));
            }
            return [new(_parent._outputColumnName, new VectorDataViewType(_itemType, _size), annotations.ToAnnotations())];
        }

        private static IEnumerable<ReadOnlyMemory<char>> SlotNamesOf(DataViewSchema.Column column)
        {
            if (column.Type is PrimitiveDataViewType) return [column.Name.AsMemory()];
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.GetSlotNames(ref names);
            return names.DenseValues().ToArray();
        }

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => _inputs;

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var method = typeof(Mapper).GetMethod(nameof(MakeGetterCore), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            return (Delegate)method.MakeGenericMethod(_itemType.RawType).Invoke(this, System.Reflection.BindingFlags.DoNotWrapExceptions,
                null, [input], null)!;
        }

        private Delegate MakeGetterCore<T>(DataViewRow input)
        {
            // One reader per input: it appends the input's current value(s) to the row being built.
            var readers = _inputs.Select(column =>
            {
                if (column.Type is VectorDataViewType)
                {
                    var vectorGetter = input.GetGetter<VBuffer<T>>(column);
                    VBuffer<T> vector = default;
                    return (Action<List<T>>)(output =>
                    {
                        vectorGetter(ref vector);
                        int start = output.Count;
                        CollectionsMarshal.SetCount(output, start + vector.Length);
                        vector.CopyTo(CollectionsMarshal.AsSpan(output)[start..]);
                    });
                }
                var getter = input.GetGetter<T>(column);
                T value = default!;
                return output =>
                {
                    getter(ref value);
                    output.Add(value);
                };
            }).ToArray();
            var row = new List<T>();
            int size = _size;
            return new ValueGetter<VBuffer<T>>((ref VBuffer<T> output) =>
            {
                row.Clear();
                foreach (var read in readers) read(row);
                if (size > 0 && row.Count != size)
                    throw new InvalidOperationException($"Concatenate expected {size} values for '{_parent._outputColumnName}' but read {row.Count}.");
                var editor = VBufferEditor.Create(ref output, row.Count);
                row.CopyTo(editor.Values);
                output = editor.Commit();
            });
        }
    }
}
