// Reads a scored data view into plain arrays for assertions: Score vectors, PredictedLabel keys and
// (when present) attention weights and tokens, plus the accuracy against the Label key column.
namespace MlNetAttention.Estimators.Tests.Support;

public sealed record ScoredRows(float[][] Scores, uint[] Predicted, uint[] Labels, float[][]? Attention, string[][]? Tokens)
{
    public double Accuracy => Predicted.Zip(Labels).Count(p => p.First == p.Second) / (double)Predicted.Length;

    public static ScoredRows Read(IDataView scored, string score = "Score", string predicted = "PredictedLabel", string? label = "Label")
    {
        var scores = scored.GetColumn<float[]>(score).ToArray();
        var keys = scored.GetColumn<uint>(predicted).ToArray();
        var labels = label is not null && scored.Schema.GetColumnOrNull(label) is not null ? scored.GetColumn<uint>(label).ToArray() : [];
        bool attention = scored.Schema.GetColumnOrNull("AttentionWeights") is not null;
        return new ScoredRows(scores, keys, labels,
            attention ? scored.GetColumn<float[]>("AttentionWeights").ToArray() : null,
            attention ? scored.GetColumn<string[]>("Tokens").ToArray() : null);
    }
}
