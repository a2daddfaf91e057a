// The classes of a trained model: how many, what the label's KeyValues annotation held (so that
// PredictedLabel carries the same KeyValues and MapKeyToValue turns predictions back into the
// original labels), and a text name per class for Score's SlotNames. KeyValues of any primitive type
// MapValueToKey produces (Text, numbers, Boolean) are kept with their type; a label without KeyValues
// gives a PredictedLabel without them and slot names "1".."K" (the keys). Saved as text, in the
// invariant culture with round-trip formats, and parsed back to the same type.
using System.Globalization;
using Microsoft.ML.Runtime;

namespace MlNetAttention.Trainers;

internal sealed class ClassLabels
{
    private readonly Array? _values; // T[] of ValueType's raw type, or null without KeyValues

    private ClassLabels(int count, PrimitiveDataViewType? valueType, Array? values, string[] names)
    {
        Count = count;
        ValueType = valueType;
        _values = values;
        Names = names;
    }

    /// <summary>Number of classes (the label key's count).</summary>
    public int Count { get; }

    /// <summary>The item type of the label's KeyValues, or null when it had none.</summary>
    public PrimitiveDataViewType? ValueType { get; }

    /// <summary>A text name per class, in key order (key k is Names[k - 1]).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The classes of a label column of <paramref name="key"/> type.</summary>
    public static ClassLabels FromColumn(DataViewSchema.Column label, KeyDataViewType key)
    {
        int count = checked((int)key.Count);
        if (label.Annotations.Schema.GetColumnOrNull(ScoreColumns.KeyValues)?.Type is not VectorDataViewType keyValues
            || !IsSupported(keyValues.ItemType))
            return new ClassLabels(count, null, null, KeyNames(count));
        Array values = keyValues.ItemType switch
        {
            TextDataViewType => Read<ReadOnlyMemory<char>>(label, count),
            BooleanDataViewType => Read<bool>(label, count),
            _ when keyValues.ItemType == NumberDataViewType.Single => Read<float>(label, count),
            _ when keyValues.ItemType == NumberDataViewType.Double => Read<double>(label, count),
            _ when keyValues.ItemType == NumberDataViewType.Int32 => Read<int>(label, count),
            _ when keyValues.ItemType == NumberDataViewType.Int64 => Read<long>(label, count),
            _ => Read<uint>(label, count),
        };
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = ToText(values.GetValue(i));
        return new ClassLabels(count, keyValues.ItemType, values, names);
    }

    /// <summary>Rebuilds saved classes; <paramref name="valueType"/> null means "no KeyValues".</summary>
    /// <exception cref="FormatException">A name does not parse as <paramref name="valueType"/>.</exception>
    public static ClassLabels FromSaved(int count, PrimitiveDataViewType? valueType, IReadOnlyList<string> names)
    {
        if (count < 2) throw new FormatException($"a model needs at least 2 classes, the file says {count}");
        if (names.Count != count) throw new FormatException($"{names.Count} class names for {count} classes");
        if (valueType is null) return new ClassLabels(count, null, null, [.. names]);
        if (!IsSupported(valueType)) throw new FormatException($"class names of type {valueType} are not supported");
        Array values = valueType switch
        {
            TextDataViewType => names.Select(n => n.AsMemory()).ToArray(),
            BooleanDataViewType => names.Select(bool.Parse).ToArray(),
            _ when valueType == NumberDataViewType.Single => names.Select(n => float.Parse(n, CultureInfo.InvariantCulture)).ToArray(),
            _ when valueType == NumberDataViewType.Double => names.Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray(),
            _ when valueType == NumberDataViewType.Int32 => names.Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray(),
            _ when valueType == NumberDataViewType.Int64 => names.Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray(),
            _ => names.Select(n => uint.Parse(n, CultureInfo.InvariantCulture)).ToArray(),
        };
        return new ClassLabels(count, valueType, values, [.. names]);
    }

    // The KeyValues item types kept with their type, by the name saved in the model (DataViewType.ToString()).
    private static readonly PrimitiveDataViewType[] SupportedTypes =
    [
        TextDataViewType.Instance, BooleanDataViewType.Instance, NumberDataViewType.Single, NumberDataViewType.Double,
        NumberDataViewType.Int32, NumberDataViewType.Int64, NumberDataViewType.UInt32,
    ];

    private static bool IsSupported(PrimitiveDataViewType type) => SupportedTypes.Contains(type);

    /// <summary>The saved name of a KeyValues item type ("String", "Single", ...).</summary>
    public static string TypeName(PrimitiveDataViewType type) => type.ToString()!;

    /// <summary>The KeyValues item type saved as <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Not a supported type name.</exception>
    public static PrimitiveDataViewType ParseTypeName(string name) =>
        SupportedTypes.FirstOrDefault(t => t.ToString() == name)
        ?? throw new FormatException($"'{name}' is not a supported class value type ({string.Join(", ", SupportedTypes.Select(t => t.ToString()))})");

    private static string[] KeyNames(int count) =>
        Enumerable.Range(1, count).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static T[] Read<T>(DataViewSchema.Column label, int count)
    {
        VBuffer<T> buffer = default;
        label.Annotations.GetValue(ScoreColumns.KeyValues, ref buffer);
        var values = new T[count];
        buffer.CopyTo(values);
        return values;
    }

    private static string ToText(object? value) => value switch
    {
        ReadOnlyMemory<char> text => text.ToString(),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>Adds the label's KeyValues (when it had them) as annotation <paramref name="kind"/>
    /// (KeyValues on PredictedLabel, TrainingLabelValues on Score).</summary>
    public void AddKeyValues(DataViewSchema.Annotations.Builder builder, string kind)
    {
        switch (_values)
        {
            case ReadOnlyMemory<char>[] v: AddValues(builder, kind, v); break;
            case bool[] v: AddValues(builder, kind, v); break;
            case float[] v: AddValues(builder, kind, v); break;
            case double[] v: AddValues(builder, kind, v); break;
            case int[] v: AddValues(builder, kind, v); break;
            case long[] v: AddValues(builder, kind, v); break;
            case uint[] v: AddValues(builder, kind, v); break;
        }
    }

    private void AddValues<T>(DataViewSchema.Annotations.Builder builder, string kind, T[] values) =>
        builder.Add(kind, new VectorDataViewType(ValueType!, Count), (ref VBuffer<T> dst) => CopyInto(values, ref dst));

    /// <summary>Adds the SlotNames annotation (one text name per class) to a Score column.</summary>
    public void AddSlotNames(DataViewSchema.Annotations.Builder builder)
    {
        var names = Names.Select(n => n.AsMemory()).ToArray();
        builder.AddSlotNames(Count, (ref VBuffer<ReadOnlyMemory<char>> dst) => CopyInto(names, ref dst));
    }

    private static void CopyInto<T>(T[] values, ref VBuffer<T> destination)
    {
        var editor = VBufferEditor.Create(ref destination, values.Length);
        values.CopyTo(editor.Values);
        destination = editor.Commit();
    }
}
