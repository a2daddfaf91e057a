// Options of vocabulary learning, shared by the WordPiece learner and the word-vocabulary learner.
// The [UNK] policy lives here because an [UNK] that never occurs in the training text gets an
// untrained embedding: MinimumUnknownShare makes sure the encoded training corpus contains some.
// MaximumDegreeOfParallelism bounds the threads of the word-counting pass (a trainer passes its own
// thread budget); counting is order-independent, so the vocabulary is the same for every value.
namespace MlNetAttention.Tokenizers;

/// <summary>How a vocabulary is learned from a corpus.</summary>
public sealed class TokenizerTrainingOptions
{
    /// <summary>Default values.</summary>
    public static class Defaults
    {
        public const int VocabularySize = 16_000;
        public const int MinimumFrequency = 2;
        public const double MinimumUnknownShare = 1e-4;
    }

    /// <summary>Largest vocabulary to learn, special tokens included. Learning may stop earlier when
    /// nothing left is frequent enough.</summary>
    public int VocabularySize { get; set; } = Defaults.VocabularySize;

    /// <summary>A character, merge (WordPiece) or word (word vocabulary) must occur at least this many
    /// times in the corpus to enter the vocabulary.</summary>
    public int MinimumFrequency { get; set; } = Defaults.MinimumFrequency;

    /// <summary>Least share of the corpus' word occurrences that must encode to [UNK]. When rare
    /// material alone does not reach it, the rarest characters (WordPiece) or words (word vocabulary)
    /// are left out of the vocabulary until it does, so [UNK] gets a trained embedding. The count is
    /// rounded up, so any positive share gives at least one [UNK]. Zero turns this off.</summary>
    public double MinimumUnknownShare { get; set; } = Defaults.MinimumUnknownShare;

    /// <summary>Most threads used to count the corpus' words: null or 0 (the default) uses every processor,
    /// 1 counts on the calling thread only. Values above the processor count use every processor. The
    /// learned vocabulary does not depend on it.</summary>
    public int? MaximumDegreeOfParallelism { get; set; }

    /// <summary>A copy, so that later edits of this instance change nothing in the copy's owner.</summary>
    internal TokenizerTrainingOptions Clone() => new()
    {
        VocabularySize = VocabularySize,
        MinimumFrequency = MinimumFrequency,
        MinimumUnknownShare = MinimumUnknownShare,
        MaximumDegreeOfParallelism = MaximumDegreeOfParallelism,
    };

    /// <summary>The number of counting threads <see cref="MaximumDegreeOfParallelism"/> allows on this machine.</summary>
    internal int ThreadCount =>
        MaximumDegreeOfParallelism is null or 0 ? Environment.ProcessorCount : Math.Min(MaximumDegreeOfParallelism.Value, Environment.ProcessorCount);

    internal void Validate(string parameterName, int specialTokenCount)
    {
        if (VocabularySize <= specialTokenCount)
            throw new ArgumentOutOfRangeException(parameterName,
                $"{nameof(VocabularySize)} must exceed the {specialTokenCount} special tokens; got {VocabularySize}.");
        if (MinimumFrequency < 1)
            throw new ArgumentOutOfRangeException(parameterName,
                $"{nameof(MinimumFrequency)} must be at least 1; got {MinimumFrequency}.");
        if (!(MinimumUnknownShare >= 0 && MinimumUnknownShare < 1))
            throw new ArgumentOutOfRangeException(parameterName,
                $"{nameof(MinimumUnknownShare)} must be in [0, 1); got {MinimumUnknownShare}.");
        if (MaximumDegreeOfParallelism < 0)
            throw new ArgumentOutOfRangeException(parameterName,
                $"{nameof(MaximumDegreeOfParallelism)} must be null or 0 (every processor) or positive; got {MaximumDegreeOfParallelism}.");
    }

    /// <summary>Number of [UNK] occurrences required in a corpus of <paramref name="wordOccurrences"/> words.</summary>
    internal long RequiredUnknownOccurrences(long wordOccurrences) =>
        MinimumUnknownShare <= 0 || wordOccurrences == 0 ? 0 : (long)Math.Ceiling(MinimumUnknownShare * wordOccurrences);
}
