// Chooses the longest model input from the training texts when the user leaves
// MaximumSequenceLength unset: the length that covers AutomaticLengthCoverage (98 %) of the rows,
// rounded up to a multiple of 8 and kept within [AutomaticLengthMinimum, AutomaticLengthMaximum].
// Why a quantile rather than the maximum: a few very long texts would otherwise set the size of every
// buffer and the L² attention cost, while their first few hundred tokens already carry the topic.
using static MlNetAttention.Trainers.AttentionTextClassificationTrainer;

namespace MlNetAttention.Trainers;

internal static class SequenceLengthChoice
{
    /// <summary>The automatic maximum length for rows of these uncut lengths.</summary>
    public static int Automatic(IReadOnlyList<int> uncutLengths)
    {
        if (uncutLengths.Count == 0) return Defaults.AutomaticLengthMinimum;
        var sorted = uncutLengths.ToArray();
        Array.Sort(sorted);
        int index = Math.Clamp((int)Math.Ceiling(Defaults.AutomaticLengthCoverage * sorted.Length) - 1, 0, sorted.Length - 1);
        int rounded = (sorted[index] + 7) / 8 * 8;
        return Math.Clamp(rounded, Defaults.AutomaticLengthMinimum, Defaults.AutomaticLengthMaximum);
    }
}
