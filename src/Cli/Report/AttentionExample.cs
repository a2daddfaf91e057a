// Labelled examples for the HTML report, with each token's attention-pooling weight: the classifier's
// AttentionWeights and Tokens columns (present when it was trained with OutputAttentionWeights), read
// from a scoring pass over the evaluated rows. The first few correct and the first few misclassified
// rows are kept, so the report shows what the model attends to both when it is right and when it is wrong.
using MlNetAttention.Cli.Model;
using MlNetAttention.Trainers;

namespace MlNetAttention.Cli.Report;

/// <summary>One scored text with its tokens and their pooling weights ([CLS] and [SEP] included).</summary>
internal sealed record AttentionExample(
    string Text, string TrueLabel, string PredictedLabel, float Probability, IReadOnlyList<string> Tokens, IReadOnlyList<float> Weights)
{
    public bool IsCorrect => TrueLabel == PredictedLabel;

    /// <summary>Up to <paramref name="perKind"/> correct and <paramref name="perKind"/> misclassified rows
    /// of <paramref name="labelled"/>, reading at most <paramref name="maximumRows"/> rows.</summary>
    /// <param name="labelled">Unscored rows with the label under <paramref name="labelColumn"/> and the model's text column.</param>
    public static IReadOnlyList<AttentionExample> Collect(ClassifierModel model, IDataView labelled, string labelColumn,
        int perKind, int maximumRows)
    {
        var scored = model.Transform(labelled, mapLabels: false);
        var schema = scored.Schema;
        if (schema.GetColumnOrNull(AttentionTextClassificationTransformer.AttentionWeightsColumnName) is not { } weightsColumn
            || schema.GetColumnOrNull(AttentionTextClassificationTransformer.TokensColumnName) is not { } tokensColumn)
            return [];
        var label = schema[labelColumn];
        var text = schema[model.TextColumns[0]];
        var columns = PredictionReader.Columns(model, schema).Concat([label, text, weightsColumn, tokensColumn]);
        using var cursor = scored.GetRowCursor(columns);
        var prediction = new PredictionReader(model, cursor);
        var labelGetter = cursor.GetGetter<ReadOnlyMemory<char>>(label);
        var textGetter = cursor.GetGetter<ReadOnlyMemory<char>>(text);
        var weightsGetter = cursor.GetGetter<VBuffer<float>>(weightsColumn);
        var tokensGetter = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(tokensColumn);
        var probabilities = new float[model.ClassNames.Count];
        ReadOnlyMemory<char> labelValue = default, textValue = default;
        VBuffer<float> weights = default;
        VBuffer<ReadOnlyMemory<char>> tokens = default;
        var correct = new List<AttentionExample>();
        var wrong = new List<AttentionExample>();
        for (int row = 0; row < maximumRows && (correct.Count < perKind || wrong.Count < perKind) && cursor.MoveNext(); row++)
        {
            labelGetter(ref labelValue);
            string predicted = prediction.PredictedLabel();
            bool isCorrect = labelValue.Span.SequenceEqual(predicted);
            var bucket = isCorrect ? correct : wrong;
            if (bucket.Count >= perKind) continue;
            textGetter(ref textValue);
            prediction.Probabilities(probabilities);
            weightsGetter(ref weights);
            tokensGetter(ref tokens);
            int predictedIndex = IndexOf(model.ClassNames, predicted);
            bucket.Add(new AttentionExample(textValue.ToString(), labelValue.ToString(), predicted,
                predictedIndex >= 0 ? probabilities[predictedIndex] : float.NaN,
                tokens.DenseValues().Select(t => t.ToString()).ToArray(), weights.DenseValues().ToArray()));
        }
        return [.. correct, .. wrong];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }
}
