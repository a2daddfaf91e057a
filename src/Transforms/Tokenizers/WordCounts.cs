// First pass of vocabulary learning: run BERT basic tokenisation over the corpus and count how often
// each normalised word occurs. Words longer than MaxInputCharsPerWord are only counted (they always
// encode to [UNK]). Counting is order-independent, so the corpus is processed in parallel batches
// with one dictionary per worker (workerCount of them: the caller's thread budget) and
// merged into ordinal order, which makes the result the same for any number of workers; lookups by
// span allocate a string only for a word's first sighting in a worker.
using System.Runtime.InteropServices;

namespace MlNetAttention.Tokenizers;

/// <summary>Word frequencies of a corpus after basic tokenisation.</summary>
internal sealed class WordCounts
{
    /// <summary>Distinct words in ordinal order (a deterministic order whatever the corpus order).</summary>
    public required string[] Words { get; init; }
    /// <summary>Occurrences of each word of <see cref="Words"/>.</summary>
    public required long[] Counts { get; init; }
    public long Documents { get; init; }
    public long WordOccurrences { get; init; }
    public long TooLongWordOccurrences { get; init; }

    private const int BatchSize = 512;

    /// <summary>Counts the words of <paramref name="corpus"/> with <paramref name="workerCount"/> workers, each on
    /// at most one thread at a time (1: on the calling thread only).</summary>
    public static WordCounts Count(IEnumerable<ReadOnlyMemory<char>> corpus, BertPreTokenizer preTokenizer, int maxInputCharsPerWord,
        int workerCount)
    {
        System.Diagnostics.Debug.Assert(workerCount >= 1);
        var workers = new Worker[workerCount];
        for (int w = 0; w < workerCount; w++) workers[w] = new Worker(preTokenizer, maxInputCharsPerWord);
        var batch = new List<ReadOnlyMemory<char>>(BatchSize * workerCount);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workerCount };
        long documents = 0;
        void Flush()
        {
            // Worker w takes texts w, w + workerCount, ...: a fixed set of dictionaries, no locking.
            if (workerCount == 1)
            {
                foreach (var text in batch) workers[0].Add(text.Span);
            }
            else
            {
                Parallel.For(0, workerCount, parallel, w =>
                {
                    for (int i = w; i < batch.Count; i += workerCount) workers[w].Add(batch[i].Span);
                });
            }
            batch.Clear();
        }
        foreach (var text in corpus)
        {
            documents++;
            batch.Add(text);
            if (batch.Count == batch.Capacity) Flush();
        }
        if (batch.Count > 0) Flush();

        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        long occurrences = 0, tooLong = 0;
        foreach (var worker in workers)
        {
            occurrences += worker.WordOccurrences;
            tooLong += worker.TooLongWordOccurrences;
            foreach (var (word, count) in worker.Counts)
                CollectionsMarshal.GetValueRefOrAddDefault(merged, word, out _) += count;
        }
        var words = merged.Keys.ToArray();
        Array.Sort(words, StringComparer.Ordinal);
        var counts = new long[words.Length];
        for (int i = 0; i < words.Length; i++) counts[i] = merged[words[i]];
        return new WordCounts
        {
            Words = words, Counts = counts, Documents = documents,
            WordOccurrences = occurrences, TooLongWordOccurrences = tooLong,
        };
    }

    private sealed class Worker(BertPreTokenizer preTokenizer, int maxInputCharsPerWord)
    {
        public readonly Dictionary<string, long> Counts = new(StringComparer.Ordinal);
        private readonly char[] _chars = new char[maxInputCharsPerWord];
        private readonly int[] _starts = new int[maxInputCharsPerWord];
        private readonly int[] _ends = new int[maxInputCharsPerWord];
        public long WordOccurrences;
        public long TooLongWordOccurrences;

        public void Add(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty) return;
            var lookup = Counts.GetAlternateLookup<ReadOnlySpan<char>>();
            var reader = new WordReader(text, preTokenizer, _chars, _starts, _ends);
            while (reader.MoveNext())
            {
                WordOccurrences++;
                if (reader.IsTooLong)
                {
                    TooLongWordOccurrences++;
                    continue;
                }
                CollectionsMarshal.GetValueRefOrAddDefault(lookup, reader.Chars, out _)++;
            }
        }
    }
}
