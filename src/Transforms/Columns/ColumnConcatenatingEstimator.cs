// Concatenate, as ML.NET's ColumnConcatenatingEstimator/Transformer: joins scalar and vector
// columns of one item type into one vector column. The output has a fixed size when every input
// does (the sum), else a variable size. When the size is fixed and every input is a scalar or a
// vector with SlotNames, the output gets SlotNames: a scalar's slot is named after its column.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Concatenates columns into one vector column.</summary>
public sealed class ColumnConcatenatingEstimator : IEstimator<ColumnConcatenatingTransformer>
{
    private readonly string _outputColumnName;
    private readonly string[] _inputColumnNames;

    public ColumnConcatenatingEstimator(MLContext context, string outputColumnName, params string[] inputColumnNames)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        _outputColumnName = outputColumnName;
        _inputColumnNames = ColumnArguments.NonEmptyNames(inputColumnNames, nameof(inputColumnNames));
    }

    public ColumnConcatenatingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new ColumnConcatenatingTransformer(_outputColumnName, _inputColumnNames);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var inputs = _inputColumnNames
            .Select(name => SchemaErrors.FindColumn(inputSchema, name, nameof(ColumnConcatenatingEstimator)))
            .ToArray();
        var first = inputs[0];
        foreach (var input in inputs.Skip(1))
        {
            if (!input.ItemType.Equals(first.ItemType) || input.IsKey != first.IsKey)
                throw SchemaErrors.WrongType(input.Name, input.GetTypeString(),
                    $"{(first.IsKey ? $"Key<{first.ItemType}>" : first.ItemType.ToString())} items like column '{first.Name}'",
                    nameof(ColumnConcatenatingEstimator));
        }
        bool variable = inputs.Any(i => i.Kind == SchemaShape.Column.VectorKind.VariableVector);
        bool slotNames = !variable && inputs.All(i =>
            i.Kind == SchemaShape.Column.VectorKind.Scalar || i.Annotations.TryFindColumn(AnnotationUtils.Kinds.SlotNames, out _));
        var annotations = slotNames
            ? new SchemaShape([new SchemaShape.Column(AnnotationUtils.Kinds.SlotNames, SchemaShape.Column.VectorKind.Vector,
                TextDataViewType.Instance, false)])
            : null;
        return inputSchema.AddOrReplace(new SchemaShape.Column(_outputColumnName,
            variable ? SchemaShape.Column.VectorKind.VariableVector : SchemaShape.Column.VectorKind.Vector,
            first.ItemType, first.IsKey, annotations));
    }
}
