// Holds out a share of the training rows to validate each epoch on, stratified by class so that a
// small validation set still sees every class in proportion, and seeded so the same seed holds out the
// same rows. Each class keeps at least one training row; when no row can be held out (tiny data, or a
// fraction of 0) there is no validation, which the trainer logs.
namespace MlNetAttention.Trainers;

internal static class ValidationSplit
{
    /// <summary>For each row, true when it is held out for validation.</summary>
    /// <param name="labels">0-based class of each row.</param>
    public static bool[] Stratified(ReadOnlySpan<int> labels, int classCount, double fraction, int seed)
    {
        var heldOut = new bool[labels.Length];
        if (fraction <= 0) return heldOut;
        var rowsOfClass = new List<int>[classCount];
        for (int c = 0; c < classCount; c++) rowsOfClass[c] = [];
        for (int row = 0; row < labels.Length; row++) rowsOfClass[labels[row]].Add(row);
        var random = new Random(seed);
        foreach (var rows in rowsOfClass)
        {
            int take = Math.Min((int)Math.Round(rows.Count * fraction, MidpointRounding.AwayFromZero), rows.Count - 1);
            if (take <= 0) continue;
            var order = rows.ToArray();
            random.Shuffle(order);
            for (int i = 0; i < take; i++) heldOut[order[i]] = true;
        }
        return heldOut;
    }
}
