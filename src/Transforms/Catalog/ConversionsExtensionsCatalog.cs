// The conversion methods of MLContext.Transforms.Conversion, as ML.NET's
// ConversionsExtensionsCatalog: MapValueToKey and MapKeyToValue, each with a single-column and a
// multi-column overload. Extension methods, so that this assembly extends the Data layer's catalog.
using MlNetAttention.Transforms;

namespace MlNetAttention;

/// <summary>MapValueToKey and MapKeyToValue.</summary>
public static class ConversionsExtensionsCatalog
{
    /// <summary>Maps the values of <paramref name="inputColumnName"/> (default: the output name) to keys
    /// 1..Count learned from the data; unseen and missing values map to key 0.</summary>
    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog.ConversionTransforms catalog,
        string outputColumnName, string? inputColumnName = null,
        int maximumNumberOfKeys = ValueToKeyMappingEstimator.Defaults.MaximumNumberOfKeys,
        ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.Defaults.Ordinality,
        bool addKeyValueAnnotationsAsText = ValueToKeyMappingEstimator.Defaults.AddKeyValueAnnotationsAsText)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ValueToKeyMappingEstimator(catalog.Context,
            new ValueToKeyMappingEstimator.ColumnOptions(outputColumnName, inputColumnName, maximumNumberOfKeys, keyOrdinality,
                addKeyValueAnnotationsAsText));
    }

    /// <summary>MapValueToKey for several column pairs with the same options.</summary>
    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog.ConversionTransforms catalog,
        InputOutputColumnPair[] columns,
        int maximumNumberOfKeys = ValueToKeyMappingEstimator.Defaults.MaximumNumberOfKeys,
        ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.Defaults.Ordinality,
        bool addKeyValueAnnotationsAsText = ValueToKeyMappingEstimator.Defaults.AddKeyValueAnnotationsAsText)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(columns);
        return new ValueToKeyMappingEstimator(catalog.Context, columns.Select(c =>
            new ValueToKeyMappingEstimator.ColumnOptions(c.OutputColumnName, c.InputColumnName, maximumNumberOfKeys, keyOrdinality,
                addKeyValueAnnotationsAsText)).ToArray());
    }

    /// <summary>MapValueToKey with per-column options.</summary>
    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog.ConversionTransforms catalog,
        params ValueToKeyMappingEstimator.ColumnOptions[] columns)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ValueToKeyMappingEstimator(catalog.Context, columns);
    }

    /// <summary>Maps the keys of <paramref name="inputColumnName"/> (default: the output name) back to the
    /// values in its KeyValues annotation.</summary>
    public static KeyToValueMappingEstimator MapKeyToValue(this TransformsCatalog.ConversionTransforms catalog,
        string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyToValueMappingEstimator(catalog.Context, new InputOutputColumnPair(outputColumnName, inputColumnName));
    }

    /// <summary>MapKeyToValue for several column pairs.</summary>
    public static KeyToValueMappingEstimator MapKeyToValue(this TransformsCatalog.ConversionTransforms catalog,
        InputOutputColumnPair[] columns)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyToValueMappingEstimator(catalog.Context, columns);
    }
}
