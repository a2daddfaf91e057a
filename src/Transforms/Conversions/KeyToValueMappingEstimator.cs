// MapKeyToValue's estimator, as ML.NET's KeyToValueMappingEstimator: nothing to learn, it checks
// that each input is a key column (or a vector of keys) carrying a KeyValues annotation and makes
// a KeyToValueMappingTransformer that turns keys back into the annotated values.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Maps keys back to their original values.</summary>
public sealed class KeyToValueMappingEstimator : IEstimator<KeyToValueMappingTransformer>
{
    private readonly InputOutputColumnPair[] _columns;

    public KeyToValueMappingEstimator(MLContext context, params InputOutputColumnPair[] columns)
    {
        ArgumentNullException.ThrowIfNull(context);
        _columns = ColumnArguments.NonEmptyCopy(columns, nameof(columns));
    }

    public KeyToValueMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new KeyToValueMappingTransformer(_columns);
        transformer.GetOutputSchema(input.Schema); // checks the columns now rather than at the first Transform
        return transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var added = new List<SchemaShape.Column>();
        foreach (var pair in _columns)
        {
            var input = SchemaErrors.FindColumn(inputSchema, pair.InputColumnName, nameof(KeyToValueMappingEstimator));
            if (!input.IsKey || !input.Annotations.TryFindColumn(AnnotationUtils.Kinds.KeyValues, out var keyValues))
                throw SchemaErrors.WrongType(input.Name, input.GetTypeString(), KeyToValueMappingTransformer.ExpectedType,
                    nameof(KeyToValueMappingEstimator));
            added.Add(new SchemaShape.Column(pair.OutputColumnName, input.Kind, keyValues.ItemType, false));
        }
        return inputSchema.AddOrReplace([.. added]);
    }
}
