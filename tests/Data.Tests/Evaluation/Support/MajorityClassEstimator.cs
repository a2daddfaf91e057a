// A deliberately trivial multiclass trainer for CrossValidate's tests, honouring the scoring contract
// of the library's trainers: Fit learns the label distribution of its training rows; the transformer
// gives every row Score = that distribution (probabilities, one per key of the label) and
// PredictedLabel = the most frequent class (the lowest key among ties). Fit also records which rows it
// was trained on (by an Id column) so a test can check what each fold trained on.
namespace MlNetAttention.Data.Tests.Evaluation.Support;

public sealed class MajorityClassEstimator(string labelColumnName = "Label", string idColumnName = "Id")
    : IEstimator<MajorityClassTransformer>
{
    /// <summary>The Id values of the training rows of every Fit call, in call order.</summary>
    public List<int[]> TrainingIds { get; } = [];

    public MajorityClassTransformer Fit(IDataView input)
    {
        var label = SchemaErrors.FindColumn(input.Schema, labelColumnName, nameof(MajorityClassEstimator));
        if (label.Type is not KeyDataViewType key)
            throw SchemaErrors.WrongType(label.Name, label.Type, "Key", nameof(MajorityClassEstimator));
        var id = SchemaErrors.FindColumn(input.Schema, idColumnName, nameof(MajorityClassEstimator));
        var counts = new double[key.Count];
        var ids = new List<int>();
        using (var cursor = input.GetRowCursor([label, id]))
        {
            var getLabel = cursor.GetGetter<uint>(label);
            var getId = cursor.GetGetter<int>(id);
            uint value = 0;
            int rowId = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref value);
                getId(ref rowId);
                ids.Add(rowId);
                if (value > 0) counts[value - 1]++;
            }
        }
        TrainingIds.Add(ids.ToArray());
        double total = counts.Sum();
        if (total == 0) throw new InvalidOperationException("No labelled training row.");
        return new MajorityClassTransformer(counts.Select(c => (float)(c / total)).ToArray());
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var label = SchemaErrors.FindColumn(inputSchema, labelColumnName, nameof(MajorityClassEstimator));
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw SchemaErrors.WrongType(label.Name, label.GetTypeString(), "Key", nameof(MajorityClassEstimator));
        return inputSchema.AddOrReplace(
            new SchemaShape.Column("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
            new SchemaShape.Column("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true));
    }
}

// Scoring reads no input column (every row gets the same output), so it works on unlabelled data too.
public sealed class MajorityClassTransformer(float[] probabilities) : RowToRowTransformerBase
{
    /// <summary>The training label distribution: the Score of every row.</summary>
    public IReadOnlyList<float> Probabilities { get; } = probabilities;

    /// <summary>The 0-based class predicted for every row.</summary>
    public int MajorityClass { get; } = Array.IndexOf(probabilities, probabilities.Max());

    protected override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    public override void Save(ModelSaveContext context) => context.WriteJson("probabilities.json", probabilities);

    public static MajorityClassTransformer Load(ModelLoadContext context) =>
        new(context.ReadJson<float[]>("probabilities.json"));

    private sealed class Mapper : RowMapper
    {
        private readonly MajorityClassTransformer _parent;

        public Mapper(MajorityClassTransformer parent, DataViewSchema inputSchema) : base(inputSchema) => _parent = parent;

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() =>
        [
            new("Score", new VectorDataViewType(NumberDataViewType.Single, _parent.Probabilities.Count)),
            new("PredictedLabel", new KeyDataViewType(typeof(uint), _parent.Probabilities.Count)),
        ];

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            if (outputIndex == 1)
            {
                uint key = (uint)_parent.MajorityClass + 1;
                return new ValueGetter<uint>((ref uint value) => value = key);
            }
            return new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, _parent.Probabilities.Count);
                for (int i = 0; i < _parent.Probabilities.Count; i++) editor.Values[i] = _parent.Probabilities[i];
                value = editor.Commit();
            });
        }
    }
}
