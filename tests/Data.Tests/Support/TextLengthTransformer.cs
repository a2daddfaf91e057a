// A minimal transform built on RowToRowTransformerBase, used to test the row-mapping base, chains,
// model files and the workout from the Data layer alone: it adds an Int32 column holding the
// length of a text column, and a Vector<Int32> column holding each character's code (variable
// length). Saves its column names as JSON.
using MlNetAttention.Data;

namespace MlNetAttention.Data.Tests.Support;

public sealed class TextLengthEstimator(string outputColumnName, string inputColumnName) : IEstimator<TextLengthTransformer>
{
    public TextLengthTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new TextLengthTransformer(outputColumnName, inputColumnName);
        transformer.GetOutputSchema(input.Schema); // validates
        return transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var input = SchemaErrors.FindColumn(inputSchema, inputColumnName, nameof(TextLengthEstimator));
        if (input.Kind != SchemaShape.Column.VectorKind.Scalar || input.ItemType is not TextDataViewType)
            throw SchemaErrors.WrongType(inputColumnName, input.GetTypeString(), "Text", nameof(TextLengthEstimator));
        return inputSchema.AddOrReplace(
            new SchemaShape.Column(outputColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Int32, false),
            new SchemaShape.Column(outputColumnName + "Codes", SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Int32, false));
    }
}

public sealed class TextLengthTransformer(string outputColumnName, string inputColumnName) : RowToRowTransformerBase
{
    public string OutputColumnName { get; } = outputColumnName;
    public string InputColumnName { get; } = inputColumnName;

    protected override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed record Config(string Output, string Input);

    public override void Save(ModelSaveContext context) =>
        context.WriteJson("config.json", new Config(OutputColumnName, InputColumnName));

    public static TextLengthTransformer Load(ModelLoadContext context)
    {
        var config = context.ReadJson<Config>("config.json");
        return new TextLengthTransformer(config.Output, config.Input);
    }

    private sealed class Mapper : RowMapper
    {
        private readonly TextLengthTransformer _parent;
        private readonly DataViewSchema.Column _input;

        public Mapper(TextLengthTransformer parent, DataViewSchema inputSchema) : base(inputSchema)
        {
            _parent = parent;
            _input = SchemaErrors.FindColumn(inputSchema, parent.InputColumnName, nameof(TextLengthTransformer));
            if (_input.Type is not TextDataViewType)
                throw SchemaErrors.WrongType(_input.Name, _input.Type, "Text", nameof(TextLengthTransformer));
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
        [
            new(_parent.OutputColumnName, NumberDataViewType.Int32),
            new(_parent.OutputColumnName + "Codes", new VectorDataViewType(NumberDataViewType.Int32)),
        ];

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_input];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var text = input.GetGetter<ReadOnlyMemory<char>>(_input);
            ReadOnlyMemory<char> value = default;
            if (outputIndex == 0)
            {
                return new ValueGetter<int>((ref int length) =>
                {
                    text(ref value);
                    length = value.Length;
                });
            }
            return new ValueGetter<VBuffer<int>>((ref VBuffer<int> codes) =>
            {
                text(ref value);
                var editor = VBufferEditor.Create(ref codes, value.Length);
                for (int i = 0; i < value.Length; i++) editor.Values[i] = value.Span[i];
                codes = editor.Commit();
            });
        }
    }
}
