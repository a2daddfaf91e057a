// The columns the fitted classifier adds, exactly as ML.NET's multiclass trainers add them (checked
// against SdcaMaximumEntropy's output in the tests), in the same order and with the same annotations:
//   PredictedLabel  Key<UInt32, K>     ScoreColumnKind "MulticlassClassification", ScoreValueKind
//                                      "PredictedLabel", KeyValues (the label's, when it had them),
//                                      ScoreColumnSetId
//   Score           Vector<Single, K>  ScoreColumnKind, ScoreColumnSetId, ScoreValueKind "Score",
//                                      TrainingLabelValues (the label's KeyValues, when it had them),
//                                      SlotNames (the class names)
//   AttentionWeights Vector<Single>    (OutputAttentionWeights only) one pooling weight per token
//   Tokens           Vector<Text>      (OutputAttentionWeights only) the vocabulary token of each id
// ScoreColumnSetId numbers the score columns of a pipeline: one more than the largest one already in
// the input (1 for the first scorer), as ML.NET's scorers number them, so evaluators pick the newest.
using MlNetAttention.MlNetInternals;

namespace MlNetAttention.Trainers;

internal static class ScoreColumns
{
    // ML.NET's annotation kinds and values for scored columns (AnnotationUtils.Kinds and .Const, which
    // ML.NET keeps internal; the strings are the format, so they are restated here).
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string ScoreColumnSetId = "ScoreColumnSetId";
    public const string TrainingLabelValues = "TrainingLabelValues";
    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
    public const string MulticlassClassification = "MulticlassClassification";
    public const string PredictedLabelValue = "PredictedLabel";
    public const string ScoreValue = "Score";

    /// <summary>The key type of ScoreColumnSetId (ML.NET's: keys up to int.MaxValue).</summary>
    public static readonly KeyDataViewType SetIdType = new(typeof(uint), int.MaxValue);

    /// <summary>The added columns for an input of schema <paramref name="input"/>.</summary>
    public static IEnumerable<DataViewSchema.DetachedColumn> For(DataViewSchema input, ClassLabels classes,
        AttentionTextClassificationTrainer.Options options)
    {
        uint setId = NextSetId(input);
        var label = new DataViewSchema.Annotations.Builder();
        AddText(label, ScoreColumnKind, MulticlassClassification);
        AddText(label, ScoreValueKind, PredictedLabelValue);
        classes.AddKeyValues(label, KeyValues);
        label.Add(ScoreColumnSetId, SetIdType, (ref uint v) => v = setId);
        yield return new(options.OutputColumnName, new KeyDataViewType(typeof(uint), classes.Count), label.ToAnnotations());

        var score = new DataViewSchema.Annotations.Builder();
        AddText(score, ScoreColumnKind, MulticlassClassification);
        score.Add(ScoreColumnSetId, SetIdType, (ref uint v) => v = setId);
        AddText(score, ScoreValueKind, ScoreValue);
        classes.AddKeyValues(score, TrainingLabelValues);
        classes.AddSlotNames(score);
        yield return new(options.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, classes.Count), score.ToAnnotations());

        if (!options.OutputAttentionWeights) yield break;
        yield return new(AttentionTextClassificationTransformer.AttentionWeightsColumnName, new VectorDataViewType(NumberDataViewType.Single));
        yield return new(AttentionTextClassificationTransformer.TokensColumnName, new VectorDataViewType(TextDataViewType.Instance));
    }

    /// <summary>The shapes of the added columns, for the trainer's GetOutputSchema.</summary>
    /// <param name="labelKeyValues">The shape of the label's KeyValues annotation, if it has one.</param>
    public static SchemaShape.Column[] Shapes(AttentionTextClassificationTrainer.Options options, SchemaShape.Column? labelKeyValues)
    {
        var text = TextDataViewType.Instance;
        var scalar = SchemaShape.Column.VectorKind.Scalar;
        var vector = SchemaShape.Column.VectorKind.Vector;
        var kind = SchemaShapeColumns.Create(ScoreColumnKind, scalar, text, false);
        var valueKind = SchemaShapeColumns.Create(ScoreValueKind, scalar, text, false);
        var setId = SchemaShapeColumns.Create(ScoreColumnSetId, scalar, NumberDataViewType.UInt32, true);
        var slotNames = SchemaShapeColumns.Create(SlotNames, vector, text, false);
        var labelAnnotations = new List<SchemaShape.Column> { kind, valueKind };
        var scoreAnnotations = new List<SchemaShape.Column> { kind, setId, valueKind };
        if (labelKeyValues is { } kv)
        {
            labelAnnotations.Add(kv);
            scoreAnnotations.Add(SchemaShapeColumns.Create(TrainingLabelValues, kv.Kind, kv.ItemType, kv.IsKey));
        }
        labelAnnotations.Add(setId);
        scoreAnnotations.Add(slotNames);
        var columns = new List<SchemaShape.Column>
        {
            SchemaShapeColumns.Create(options.OutputColumnName, scalar, NumberDataViewType.UInt32, true, [.. labelAnnotations]),
            SchemaShapeColumns.Create(options.ScoreColumnName, vector, NumberDataViewType.Single, false, [.. scoreAnnotations]),
        };
        if (options.OutputAttentionWeights)
        {
            columns.Add(SchemaShapeColumns.Create(AttentionTextClassificationTransformer.AttentionWeightsColumnName,
                SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Single, false));
            columns.Add(SchemaShapeColumns.Create(AttentionTextClassificationTransformer.TokensColumnName,
                SchemaShape.Column.VectorKind.VariableVector, text, false));
        }
        return [.. columns];
    }

    private static uint NextSetId(DataViewSchema input)
    {
        uint largest = 0;
        foreach (var column in input)
        {
            if (column.Annotations.Schema.GetColumnOrNull(ScoreColumnSetId)?.Type is not KeyDataViewType { RawType: var raw } || raw != typeof(uint))
                continue;
            uint value = 0;
            column.Annotations.GetValue(ScoreColumnSetId, ref value);
            largest = Math.Max(largest, value);
        }
        return largest + 1;
    }

    private static void AddText(DataViewSchema.Annotations.Builder builder, string kind, string value)
    {
        var memory = value.AsMemory();
        builder.Add(kind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = memory);
    }
}
