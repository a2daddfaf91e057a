// What vocabulary learning saw and decided, kept with the tokenizer (and saved with it) so a trainer
// can log it and a test can check it. UnknownTokenOccurrences is exact, not estimated: it is the
// number of [UNK] tokens that encoding the training corpus with the learned tokenizer produces.
namespace MlNetAttention.Tokenizers;

/// <summary>Statistics of one vocabulary-learning run.</summary>
/// <param name="Documents">Texts read from the corpus (null texts count as empty).</param>
/// <param name="WordOccurrences">Words produced by basic tokenisation over the whole corpus.</param>
/// <param name="DistinctWords">Distinct normalised words.</param>
/// <param name="TooLongWordOccurrences">Word occurrences longer than MaxInputCharsPerWord (always [UNK]).</param>
/// <param name="UnknownTokenOccurrences">[UNK] tokens in the encoded training corpus.</param>
public sealed record TokenizerTrainingSummary(
    long Documents, long WordOccurrences, int DistinctWords, long TooLongWordOccurrences, long UnknownTokenOccurrences)
{
    /// <summary>Share of the corpus' word occurrences that encode to [UNK].</summary>
    public double UnknownShare => WordOccurrences == 0 ? 0 : (double)UnknownTokenOccurrences / WordOccurrences;
}
