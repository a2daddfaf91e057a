// WordPiece vocabulary learning. Algorithm: the one Hugging Face's tokenizers library uses for its
// WordPiece trainer — byte-pair-encoding merges (Sennrich et al. 2016) over words written with the
// continuation prefix ("h ##u ##g"), whose result is then encoded greedily, longest match first.
//   1. Count normalised words (WordCounts) and choose the character alphabet (WordPieceAlphabet,
//      which also decides which rare material becomes [UNK] so that [UNK] is trained).
//   2. Split every representable word into its character forms, weighted by its count.
//   3. Repeatedly merge the most frequent adjacent pair (ties: lowest symbol ids, i.e. earliest
//      created) into a new symbol "a" + "b" without its prefix, until the vocabulary is full or no
//      pair occurs MinimumFrequency times. Every merge result is a vocabulary entry; two merge paths
//      that spell the same string share one entry.
// Frequency merges rather than WordPiece's likelihood score (count(ab) / (count(a) count(b))): the
// score changes whenever a or b is merged elsewhere, which defeats the exact lazy priority queue that
// makes this learner fast; frequency merges give the same kind of vocabulary (frequent words whole,
// rare words as pieces) and are what HF ships.
// Speed: pair counts in a dictionary, a lazy max-heap (stale entries are re-checked on pop), and for
// each pair the list of words containing it, so a merge touches only the words it changes.
// Determinism: words are processed in ordinal order, symbols are numbered deterministically and ties
// are broken by symbol ids, so the same corpus (in any order) gives the same vocabulary.
namespace MlNetAttention.Tokenizers;

/// <summary>Learns a WordPiece vocabulary from a corpus.</summary>
internal static class WordPieceTrainer
{
    public static WordPieceTokenizer Train(IEnumerable<ReadOnlyMemory<char>> corpus, TokenizerTrainingOptions training, WordPieceOptions options)
    {
        var preTokenizer = new BertPreTokenizer(options);
        var counts = WordCounts.Count(corpus, preTokenizer, options.MaxInputCharsPerWord, training.ThreadCount);
        var specials = options.SpecialTokensInIdOrder();
        var alphabet = WordPieceAlphabet.Select(counts, training, specials.Length);
        var symbols = LearnMerges(counts, alphabet, training, options.ContinuingSubwordPrefix, training.VocabularySize - specials.Length);
        var summary = new TokenizerTrainingSummary(counts.Documents, counts.WordOccurrences, counts.Words.Length,
            counts.TooLongWordOccurrences, alphabet.UnknownOccurrences);
        return WordPieceTokenizer.Create(new TokenVocabulary(specials.Concat(symbols)), options, summary);
    }

    /// <summary>Returns the learned symbols in id order: the alphabet, then merge results in merge order.</summary>
    internal static List<string> LearnMerges(WordCounts counts, WordPieceAlphabet alphabet, TokenizerTrainingOptions training,
        string prefix, int capacity)
    {
        var symbols = new List<string>(capacity);
        var symbolIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var formIds = new Dictionary<int, int>();
        foreach (int form in alphabet.KeptForms)
        {
            formIds[form] = symbols.Count;
            symbolIds[WordPieceAlphabet.FormToString(form, prefix)] = symbols.Count;
            symbols.Add(WordPieceAlphabet.FormToString(form, prefix));
        }

        // Words as symbol sequences; words of one symbol have no pairs and are left out.
        var sequences = new List<int[]>();
        var lengths = new List<int>();
        var weights = new List<long>();
        var scratch = new List<int>();
        for (int w = 0; w < counts.Words.Length; w++)
        {
            if (alphabet.IsUnknownWord[w]) continue;
            scratch.Clear();
            int position = 0;
            foreach (var rune in counts.Words[w].EnumerateRunes())
                scratch.Add(formIds[WordPieceAlphabet.Form(rune.Value, position++ > 0)]);
            if (scratch.Count < 2) continue;
            sequences.Add(scratch.ToArray());
            lengths.Add(scratch.Count);
            weights.Add(counts.Counts[w]);
        }

        var state = new MergeState(sequences, lengths, weights);
        long minimum = training.MinimumFrequency;
        var queue = new PriorityQueue<long, PairPriority>(PairPriority.Comparer);
        foreach (var (pair, count) in state.PairCounts)
            if (count >= minimum) queue.Enqueue(pair, new PairPriority(count, pair));

        while (symbols.Count < capacity && queue.TryDequeue(out long top, out var priority))
        {
            long current = state.PairCounts.GetValueOrDefault(top);
            if (current != priority.Count)
            {
                // Stale entry: the pair lost occurrences to an earlier merge (or a fresher entry exists).
                if (current >= minimum) queue.Enqueue(top, new PairPriority(current, top));
                continue;
            }
            int left = MergeState.Left(top), right = MergeState.Right(top);
            string merged = string.Concat(symbols[left], symbols[right].AsSpan(prefix.Length));
            if (!symbolIds.TryGetValue(merged, out int mergedId))
            {
                mergedId = symbols.Count;
                symbolIds[merged] = mergedId;
                symbols.Add(merged);
            }
            foreach (long touched in state.Merge(top, mergedId))
            {
                long count = state.PairCounts[touched];
                if (count >= minimum) queue.Enqueue(touched, new PairPriority(count, touched));
            }
        }
        return symbols;
    }

    /// <summary>Heap order: higher count first, then lower pair key (lower symbol ids).</summary>
    private readonly record struct PairPriority(long Count, long Pair)
    {
        public static readonly IComparer<PairPriority> Comparer = Comparer<PairPriority>.Create(
            (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair));
    }
}
