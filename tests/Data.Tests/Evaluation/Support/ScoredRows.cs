// Builds scored data the way a multiclass model outputs it: Label, Score (a Vector<Single, K> of
// probabilities, optionally with SlotNames) and PredictedLabel (Key<K>, the argmax + 1 unless given).
// The label can be a key (with optional KeyValues), Single or Double. Rows are written as
// (label, scores) pairs so each test reads like the table of its hand computation.
namespace MlNetAttention.Data.Tests.Evaluation.Support;

public static class ScoredRows
{
    /// <summary>Key labels (1-based keys, 0 = missing) of a Key&lt;keyCount&gt; column (default: K).</summary>
    public static ColumnsDataView WithKeyLabels(uint[] keys, float[][] scores, int? keyCount = null, string[]? slotNames = null,
        string[]? keyValues = null, uint[]? predictedKeys = null)
    {
        int K = scores[0].Length;
        int count = keyCount ?? K;
        DataViewSchema.Annotations? labelAnnotations = null;
        if (keyValues is not null)
        {
            var builder = new DataViewSchema.Annotations.Builder();
            var values = keyValues.Select(v => v.AsMemory()).ToArray();
            builder.AddKeyValues(values.Length, TextDataViewType.Instance,
                (ref VBuffer<ReadOnlyMemory<char>> dst) => dst = new VBuffer<ReadOnlyMemory<char>>(values.Length, values));
            labelAnnotations = builder.ToAnnotations();
        }
        return WithScores(new ColumnsDataView().Add("Label", new KeyDataViewType(typeof(uint), count), keys, labelAnnotations),
            scores, slotNames, predictedKeys);
    }

    /// <summary>Single labels holding 0-based class indices (NaN = missing).</summary>
    public static ColumnsDataView WithSingleLabels(float[] labels, float[][] scores) =>
        WithScores(new ColumnsDataView().Add("Label", NumberDataViewType.Single, labels), scores, null, null);

    /// <summary>Double labels holding 0-based class indices (NaN = missing).</summary>
    public static ColumnsDataView WithDoubleLabels(double[] labels, float[][] scores) =>
        WithScores(new ColumnsDataView().Add("Label", NumberDataViewType.Double, labels), scores, null, null);

    /// <summary>The Score vectors as VBuffers.</summary>
    public static VBuffer<float>[] Vectors(float[][] scores) => scores.Select(s => new VBuffer<float>(s.Length, (float[])s.Clone())).ToArray();

    /// <summary>The argmax + 1 of each row (the first index among equal maxima), as a scorer writes PredictedLabel.</summary>
    public static uint[] ArgmaxKeys(float[][] scores) =>
        scores.Select(s => (uint)Array.IndexOf(s, s.Max()) + 1).ToArray();

    private static ColumnsDataView WithScores(ColumnsDataView data, float[][] scores, string[]? slotNames, uint[]? predictedKeys)
    {
        int K = scores[0].Length;
        DataViewSchema.Annotations? scoreAnnotations = null;
        if (slotNames is not null)
        {
            var builder = new DataViewSchema.Annotations.Builder();
            var names = slotNames.Select(v => v.AsMemory()).ToArray();
            builder.AddSlotNames(names.Length, (ref VBuffer<ReadOnlyMemory<char>> dst) => dst = new VBuffer<ReadOnlyMemory<char>>(names.Length, names));
            scoreAnnotations = builder.ToAnnotations();
        }
        return data
            .Add("Score", new VectorDataViewType(NumberDataViewType.Single, K), Vectors(scores), scoreAnnotations)
            .Add("PredictedLabel", new KeyDataViewType(typeof(uint), K), predictedKeys ?? ArgmaxKeys(scores));
    }
}
