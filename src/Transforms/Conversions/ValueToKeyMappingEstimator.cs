// MapValueToKey's estimator, as ML.NET's ValueToKeyMappingEstimator: learns the distinct values
// of each input column (text, numbers or Booleans, scalar or vector) in one pass over the data and
// fits a ValueToKeyMappingTransformer that maps them to keys 1..Count (0 = missing or unseen).
// Defaults follow ML.NET: keys by order of occurrence, at most 1,000,000 keys, KeyValues annotation
// of the source type (not text).
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Maps categorical values to keys.</summary>
public sealed class ValueToKeyMappingEstimator : IEstimator<ValueToKeyMappingTransformer>
{
    /// <summary>How keys are numbered.</summary>
    public enum KeyOrdinality : byte
    {
        /// <summary>In the order values first occur in the data.</summary>
        ByOccurrence = 0,

        /// <summary>In sorted order of the values (ordinal for text).</summary>
        ByValue = 1,
    }

    /// <summary>The defaults of the options, as in ML.NET.</summary>
    public static class Defaults
    {
        public const int MaximumNumberOfKeys = 1_000_000;
        public const KeyOrdinality Ordinality = KeyOrdinality.ByOccurrence;
        public const bool AddKeyValueAnnotationsAsText = false;
    }

    /// <summary>The options of one output column.</summary>
    public sealed class ColumnOptions
    {
        public string OutputColumnName { get; }
        public string InputColumnName { get; }

        /// <summary>The most keys kept (the first values seen, by occurrence); later new values map to 0.</summary>
        public int MaximumNumberOfKeys { get; }

        public KeyOrdinality KeyOrdinality { get; }

        /// <summary>Make the KeyValues annotation text even when the source holds numbers.</summary>
        public bool AddKeyValueAnnotationsAsText { get; }

        public ColumnOptions(string outputColumnName, string? inputColumnName = null,
            int maximumNumberOfKeys = Defaults.MaximumNumberOfKeys, KeyOrdinality keyOrdinality = Defaults.Ordinality,
            bool addKeyValueAnnotationsAsText = Defaults.AddKeyValueAnnotationsAsText)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
            if (inputColumnName is not null) ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
            if (maximumNumberOfKeys < 1)
                throw new ArgumentOutOfRangeException(nameof(maximumNumberOfKeys), maximumNumberOfKeys, "At least one key must be allowed.");
            if (!Enum.IsDefined(keyOrdinality))
                throw new ArgumentOutOfRangeException(nameof(keyOrdinality), keyOrdinality, "Unknown key ordinality.");
            OutputColumnName = outputColumnName;
            InputColumnName = inputColumnName ?? outputColumnName;
            MaximumNumberOfKeys = maximumNumberOfKeys;
            KeyOrdinality = keyOrdinality;
            AddKeyValueAnnotationsAsText = addKeyValueAnnotationsAsText;
        }
    }

    private readonly MLContext _context;
    private readonly ColumnOptions[] _columns;

    public ValueToKeyMappingEstimator(MLContext context, params ColumnOptions[] columns)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _columns = ColumnArguments.NonEmptyCopy(columns, nameof(columns));
    }

    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sources = _columns.Select(c => CheckInput(input.Schema, c.InputColumnName)).ToArray();
        var maps = _columns.Select((c, i) => TermMap.Create(sources[i].Type.GetItemType(), c.MaximumNumberOfKeys)).ToArray();
        using (var cursor = input.GetRowCursor(sources.DistinctBy(s => s.Index)))
        {
            var collectors = maps.Select((map, i) => map.MakeCollector(cursor, sources[i])).ToArray();
            while (cursor.MoveNext())
            {
                foreach (var collect in collectors) collect();
            }
        }
        for (int i = 0; i < maps.Length; i++)
        {
            if (maps[i].Count == 0)
                throw new InvalidOperationException(
                    $"{nameof(ValueToKeyMappingEstimator)}: column '{_columns[i].InputColumnName}' has no value to map " +
                    "(no rows, or every value is missing); a key type needs at least one value.");
            maps[i].Freeze(_columns[i].KeyOrdinality == KeyOrdinality.ByValue);
            _context.WriteLog(nameof(ValueToKeyMappingEstimator), Runtime.ChannelMessageKind.Trace,
                $"Column '{_columns[i].OutputColumnName}': {maps[i].Count} keys.");
        }
        return new ValueToKeyMappingTransformer(_columns.Select((c, i) =>
            new ValueToKeyMappingTransformer.ColumnMap(c.OutputColumnName, c.InputColumnName, maps[i], c.AddKeyValueAnnotationsAsText)));
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var added = new List<SchemaShape.Column>();
        foreach (var column in _columns)
        {
            var input = SchemaErrors.FindColumn(inputSchema, column.InputColumnName, nameof(ValueToKeyMappingEstimator));
            if (input.IsKey || !TermMap.Supports(input.ItemType))
                throw SchemaErrors.WrongType(input.Name, input.GetTypeString(), ExpectedTypes, nameof(ValueToKeyMappingEstimator));
            var valuesType = column.AddKeyValueAnnotationsAsText ? TextDataViewType.Instance : input.ItemType;
            var keyValues = new SchemaShape(
                [new SchemaShape.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector, valuesType, false)]);
            added.Add(new SchemaShape.Column(column.OutputColumnName, input.Kind, NumberDataViewType.UInt32, true, keyValues));
        }
        return inputSchema.AddOrReplace([.. added]);
    }

    internal const string ExpectedTypes = "Text, a number or Boolean (or a vector of them)";

    internal static DataViewSchema.Column CheckInput(DataViewSchema schema, string name)
    {
        var column = SchemaErrors.FindColumn(schema, name, nameof(ValueToKeyMappingEstimator));
        if (column.Type is not (PrimitiveDataViewType or VectorDataViewType) || column.Type.GetKeyType() is not null
            || !TermMap.Supports(column.Type.GetItemType()))
            throw SchemaErrors.WrongType(column.Name, column.Type, ExpectedTypes, nameof(ValueToKeyMappingEstimator));
        return column;
    }
}
