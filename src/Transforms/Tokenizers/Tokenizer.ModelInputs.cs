// Model inputs in BERT's layout (Devlin et al. 2019, section 3): "[CLS] a [SEP]" for one sentence and
// "[CLS] a [SEP] b [SEP]" for a pair, with segment (token type) ids 0 for the first part and 1 for
// the second. Pairs longer than the destination are cut "longest first" like HF transformers'
// truncation: tokens are removed one at a time from the end of the longer sentence (the second on a
// tie), which leaves the first sentence ceil(budget/2) tokens when both are long.
// Names follow Microsoft.ML.Tokenizers' BertTokenizer (BuildInputsWithSpecialTokens,
// CreateTokenTypeIdsFromSequences) for the list-based calls.
using System.Buffers;

namespace MlNetAttention.Tokenizers;

public abstract partial class Tokenizer
{
    /// <summary>Encodes a sentence pair as [CLS] a [SEP] b [SEP] into <paramref name="destination"/>, with
    /// segment ids 0 (for [CLS] a [SEP]) and 1 (for b [SEP]); cuts longest-first to fit. Returns the
    /// number of ids written. Does not allocate (a pooled buffer holds the second sentence).</summary>
    public int EncodePairToIds(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<int> destination, Span<int> segmentIds) =>
        EncodePairToIds(first, second, destination, segmentIds, Span<Range>.Empty);

    /// <summary>As <see cref="EncodePairToIds(ReadOnlySpan{char}, ReadOnlySpan{char}, Span{int}, Span{int})"/>, also
    /// writing each token's range in ITS sentence (the segment id says which) to <paramref name="offsets"/>
    /// (empty when not wanted). Special tokens get an empty range where they were inserted.</summary>
    public int EncodePairToIds(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<int> destination, Span<int> segmentIds, Span<Range> offsets)
    {
        if (destination.Length < 3)
            throw new ArgumentException($"destination must hold at least 3 ids for [CLS], [SEP], [SEP]; got {destination.Length}.", nameof(destination));
        if (segmentIds.Length < destination.Length)
            throw new ArgumentException($"segmentIds must hold as many entries as destination ({destination.Length}); got {segmentIds.Length}.", nameof(segmentIds));
        if (!offsets.IsEmpty && offsets.Length < destination.Length)
            throw new ArgumentException($"offsets must be empty or hold as many entries as destination ({destination.Length}); got {offsets.Length}.", nameof(offsets));

        int budget = destination.Length - 3;
        bool wantOffsets = !offsets.IsEmpty;
        int[] secondIds = ArrayPool<int>.Shared.Rent(Math.Max(budget, 1));
        Range[]? secondOffsets = wantOffsets ? ArrayPool<Range>.Shared.Rent(Math.Max(budget, 1)) : null;
        try
        {
            // First sentence straight into place after [CLS]; the second into the pooled buffer.
            var firstSink = new SpanTokenSink(destination.Slice(1, budget), wantOffsets ? offsets.Slice(1, budget) : Span<Range>.Empty);
            int firstConsumedAll = EncodeCore(first, ref firstSink);
            var secondSink = new SpanTokenSink(secondIds.AsSpan(0, budget), wantOffsets ? secondOffsets.AsSpan(0, budget) : Span<Range>.Empty);
            int secondConsumedAll = EncodeCore(second, ref secondSink);
            (int keepFirst, int keepSecond) = LongestFirst(firstSink.Count, secondSink.Count, budget);

            int p = 0;
            destination[p] = ClassificationTokenId;
            if (wantOffsets) offsets[p] = 0..0;
            p += 1 + keepFirst;
            destination[p] = SeparatorTokenId;
            if (wantOffsets)
            {
                int end = keepFirst == firstSink.Count ? firstConsumedAll : keepFirst == 0 ? 0 : offsets[keepFirst].End.Value;
                offsets[p] = end..end;
            }
            p++;
            segmentIds[..p].Clear();
            secondIds.AsSpan(0, keepSecond).CopyTo(destination[p..]);
            if (wantOffsets) secondOffsets.AsSpan(0, keepSecond).CopyTo(offsets[p..]);
            p += keepSecond;
            destination[p] = SeparatorTokenId;
            if (wantOffsets)
            {
                int end = keepSecond == secondSink.Count ? secondConsumedAll : keepSecond == 0 ? 0 : secondOffsets![keepSecond - 1].End.Value;
                offsets[p] = end..end;
            }
            p++;
            segmentIds[(2 + keepFirst)..p].Fill(1);
            return p;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(secondIds);
            if (secondOffsets is not null) ArrayPool<Range>.Shared.Return(secondOffsets);
        }
    }

    /// <summary>How many tokens of each sentence survive longest-first truncation to <paramref name="budget"/>.</summary>
    internal static (int KeepFirst, int KeepSecond) LongestFirst(int firstCount, int secondCount, int budget)
    {
        if (firstCount + secondCount <= budget) return (firstCount, secondCount);
        int keepFirst = Math.Min(firstCount, Math.Max((budget + 1) / 2, budget - secondCount));
        return (keepFirst, Math.Min(secondCount, budget - keepFirst));
    }

    /// <summary>[CLS] tokenIds [SEP], or [CLS] tokenIds [SEP] additionalTokenIds [SEP] for a pair.</summary>
    public IReadOnlyList<int> BuildInputsWithSpecialTokens(IEnumerable<int> tokenIds, IEnumerable<int>? additionalTokenIds = null)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var ids = new List<int> { ClassificationTokenId };
        ids.AddRange(tokenIds);
        ids.Add(SeparatorTokenId);
        if (additionalTokenIds is not null)
        {
            ids.AddRange(additionalTokenIds);
            ids.Add(SeparatorTokenId);
        }
        return ids;
    }

    /// <summary>Segment ids matching <see cref="BuildInputsWithSpecialTokens"/>: 0 for [CLS] a [SEP], 1 for b [SEP].</summary>
    public IReadOnlyList<int> CreateTokenTypeIdsFromSequences(IEnumerable<int> tokenIds, IEnumerable<int>? additionalTokenIds = null)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var segments = new List<int>();
        segments.AddRange(Enumerable.Repeat(0, tokenIds.Count() + 2));
        if (additionalTokenIds is not null) segments.AddRange(Enumerable.Repeat(1, additionalTokenIds.Count() + 1));
        return segments;
    }
}
