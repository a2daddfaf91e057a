// Turns one row's text into the model input, identically at training and at scoring time:
//   one text:   [CLS] tokens [SEP]                 cut to MaximumLength by dropping the tail
//   two texts:  [CLS] a [SEP] b [SEP]              cut longest-first (the tokenizer's pair rule)
// [CLS] gives FirstToken pooling its summary position; [SEP] separates a pair. A scratch encoder has no
// segment embeddings (the separator alone tells the two texts apart); a pretrained BERT encoder reads
// token types, BERT's: 0 up to and including the first [SEP], 1 after it (TokenTypes).
// With BagMaximumLength > MaximumLength the row also gets the n-gram bag's view: the same encoding cut
// at the longer BagMaximumLength, so the cheap bag reads (nearly) the whole of a long text while the
// encoder reads its first MaximumLength tokens. For one text the encoder view is derived from the bag
// view ([CLS], its first MaximumLength − 2 tokens, [SEP]: exactly what a direct cut gives), so the text
// is tokenized once. Thread-safe: the tokenizer is immutable and the caller owns every span.
using MlNetAttention.Neural.Model;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

internal sealed class SequenceEncoder
{
    /// <param name="tokenTypes">Whether the model reads token types (a pretrained encoder; pairs only).</param>
    public SequenceEncoder(Tokenizer tokenizer, int maximumLength, bool pairs, int bagMaximumLength = 0, bool tokenTypes = false)
    {
        TokenTypes = pairs && tokenTypes;
        Tokenizer = tokenizer;
        MaximumLength = maximumLength;
        Pairs = pairs;
        BagMaximumLength = bagMaximumLength > maximumLength ? bagMaximumLength : 0;
    }

    public Tokenizer Tokenizer { get; }

    /// <summary>Longest encoder input, special tokens included.</summary>
    public int MaximumLength { get; }

    /// <summary>Longest n-gram bag view, special tokens included; 0 when rows have no separate bag view.</summary>
    public int BagMaximumLength { get; }

    /// <summary>Whether rows hold two texts.</summary>
    public bool Pairs { get; }

    /// <summary>Whether rows get token types (pairs for a pretrained encoder), see <see cref="SetPairTokenTypes"/>.</summary>
    public bool TokenTypes { get; }

    /// <summary>Encodes one row's text(s) with the scratch spans (each at least ScratchLength long; the bag's
    /// only when the batch takes bag views) and adds it to <paramref name="batch"/> with its token types.</summary>
    public void AddTo(TokenBatch batch, ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<int> ids, Span<int> bagIds,
        Span<int> segmentScratch)
    {
        int count;
        if (batch.HasBagIds)
        {
            (count, int bagCount) = EncodeWithBag(first, second, ids, bagIds, segmentScratch);
            batch.Add(ids[..count], bagIds[..bagCount]);
        }
        else batch.Add(ids[..(count = Encode(first, second, ids, segmentScratch))]);
        if (TokenTypes) SetPairTokenTypes(batch, ids[..count], Tokenizer.SeparatorTokenId);
    }

    /// <summary>Sets the token types of <paramref name="batch"/>'s last row, the pair <paramref name="ids"/>:
    /// 0 up to and including the first <paramref name="separatorId"/>, 1 after it (BERT's segments).</summary>
    public static void SetPairTokenTypes(TokenBatch batch, ReadOnlySpan<int> ids, int separatorId)
    {
        Span<int> types = ids.Length <= 1024 ? stackalloc int[ids.Length] : new int[ids.Length];
        types.Clear();
        int separator = ids.IndexOf(separatorId);
        if (separator >= 0) types[(separator + 1)..].Fill(1);
        batch.SetLastRowTokenTypes(types);
    }

    /// <summary>Length the destination and scratch spans of <see cref="Encode"/> need.</summary>
    public int ScratchLength => Math.Max(MaximumLength, BagMaximumLength);

    /// <summary>Encodes the encoder input into <paramref name="destination"/> (at least MaximumLength ids;
    /// for pairs, <paramref name="segmentScratch"/> as long) and returns the number of ids written.</summary>
    public int Encode(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<int> destination, Span<int> segmentScratch)
    {
        var ids = destination[..MaximumLength];
        return Pairs
            ? Tokenizer.EncodePairToIds(first, second, ids, segmentScratch[..MaximumLength])
            : Tokenizer.EncodeToIds(first, ids, out _, addSpecialTokens: true);
    }

    /// <summary>
    /// Encodes both views: the encoder input into <paramref name="destination"/> and the bag view into
    /// <paramref name="bagDestination"/> (each, and <paramref name="segmentScratch"/>, at least
    /// ScratchLength long). Returns both counts. Needs BagMaximumLength &gt; 0.
    /// </summary>
    public (int Count, int BagCount) EncodeWithBag(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<int> destination,
        Span<int> bagDestination, Span<int> segmentScratch)
    {
        if (BagMaximumLength == 0) throw new InvalidOperationException("this encoder has no separate n-gram bag view.");
        var bag = bagDestination[..BagMaximumLength];
        if (Pairs)
        {
            int bagCount = Tokenizer.EncodePairToIds(first, second, bag, segmentScratch[..BagMaximumLength]);
            return (Encode(first, second, destination, segmentScratch), bagCount);
        }
        int count = Tokenizer.EncodeToIds(first, bag, out _, addSpecialTokens: true);
        if (count <= MaximumLength)
        {
            bag[..count].CopyTo(destination);
            return (count, count);
        }
        bag[..(MaximumLength - 1)].CopyTo(destination); // [CLS] and the first MaximumLength − 2 tokens
        destination[MaximumLength - 1] = Tokenizer.SeparatorTokenId;
        return (MaximumLength, count);
    }

    /// <summary>A batch of up to <paramref name="capacity"/> rows made by this encoder: encoder inputs of
    /// MaximumLength ids, with separate n-gram bag views of BagMaximumLength ids when there are any.</summary>
    public TokenBatch NewBatch(int capacity) =>
        BagMaximumLength > 0 ? new TokenBatch(capacity, MaximumLength, BagMaximumLength) : new TokenBatch(capacity, MaximumLength);

    /// <summary>The length the row would have without any cut, special tokens included.</summary>
    public int UncutLength(ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        Pairs ? Tokenizer.CountTokens(first) + Tokenizer.CountTokens(second) + 3 : Tokenizer.CountTokens(first) + 2;
}
