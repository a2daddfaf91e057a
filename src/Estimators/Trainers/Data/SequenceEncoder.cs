// Turns one row's text into the model input, identically at training and at scoring time:
//   one text:   [CLS] tokens [SEP]                 cut to MaximumSequenceLength by dropping the tail
//   two texts:  [CLS] a [SEP] b [SEP]              cut longest-first (the tokenizer's pair rule)
// [CLS] gives FirstToken pooling its summary position; [SEP] separates a pair (the engine has no
// segment embeddings, so the separator alone tells the two texts apart). Thread-safe: the tokenizer
// is immutable and the caller owns the destination and scratch spans.
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

internal sealed class SequenceEncoder
{
    public SequenceEncoder(Tokenizer tokenizer, int maximumLength, bool pairs)
    {
        Tokenizer = tokenizer;
        MaximumLength = maximumLength;
        Pairs = pairs;
    }

    public Tokenizer Tokenizer { get; }

    /// <summary>Longest encoded row, special tokens included.</summary>
    public int MaximumLength { get; }

    /// <summary>Whether rows hold two texts.</summary>
    public bool Pairs { get; }

    /// <summary>Encodes into <paramref name="destination"/> (at least MaximumLength ids; for pairs,
    /// <paramref name="segmentScratch"/> as long) and returns the number of ids written.</summary>
    public int Encode(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<int> destination, Span<int> segmentScratch)
    {
        var ids = destination[..MaximumLength];
        return Pairs
            ? Tokenizer.EncodePairToIds(first, second, ids, segmentScratch[..MaximumLength])
            : Tokenizer.EncodeToIds(first, ids, out _, addSpecialTokens: true);
    }

    /// <summary>The length the row would have without any cut, special tokens included.</summary>
    public int UncutLength(ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        Pairs ? Tokenizer.CountTokens(first) + Tokenizer.CountTokens(second) + 3 : Tokenizer.CountTokens(first) + 2;
}
