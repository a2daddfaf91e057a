// Chooses the longest model input from the training texts when the user leaves
// MaximumSequenceLength unset: the length that covers AutomaticLengthCoverage (98 %) of the rows,
// rounded up to a multiple of 8 and kept within [AutomaticLengthMinimum, AutomaticLengthMaximum];
// and, the same way, the n-gram bag's longer view (AutomaticNgramLengthCoverage, 99 %, at most
// AutomaticNgramLengthMaximum, never shorter than the encoder's input).
// Why a quantile rather than the maximum: a few very long texts would otherwise set the size of every
// buffer and the L² attention cost, while their first few hundred tokens already carry the topic.
using static MlNetAttention.Trainers.AttentionTextClassificationTrainer;

namespace MlNetAttention.Trainers;

internal static class SequenceLengthChoice
{
    /// <summary>The automatic maximum length for rows of these uncut lengths.</summary>
    public static int Automatic(IReadOnlyList<int> uncutLengths, int most = Defaults.AutomaticLengthMaximum) =>
        Covering(uncutLengths, Defaults.AutomaticLengthCoverage, Math.Min(Defaults.AutomaticLengthMinimum, most), most);

    /// <summary>The automatic n-gram bag length for these rows, given the encoder's
    /// <paramref name="maximumLength"/>: never shorter than it.</summary>
    public static int AutomaticNgram(IReadOnlyList<int> uncutLengths, int maximumLength) =>
        Covering(uncutLengths, Defaults.AutomaticNgramLengthCoverage, maximumLength, Math.Max(maximumLength, Defaults.AutomaticNgramLengthMaximum));

    /// <summary>The length covering <paramref name="coverage"/> of the rows, rounded up to a multiple of 8, in [least, most].</summary>
    private static int Covering(IReadOnlyList<int> uncutLengths, double coverage, int least, int most)
    {
        if (uncutLengths.Count == 0) return least;
        var sorted = uncutLengths.ToArray();
        Array.Sort(sorted);
        int index = Math.Clamp((int)Math.Ceiling(coverage * sorted.Length) - 1, 0, sorted.Length - 1);
        int rounded = (sorted[index] + 7) / 8 * 8;
        return Math.Clamp(rounded, least, most);
    }
}
