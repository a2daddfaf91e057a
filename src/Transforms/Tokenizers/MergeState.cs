// The mutable state of byte-pair merge learning: every word as a sequence of symbol ids with its
// corpus count, the weighted count of every adjacent symbol pair, and for each pair the words that
// contain (or once contained) it. A merge rewrites only the words listed for its pair: it removes the
// word's old pairs from the counts, merges left to right (so "a a a" becomes "aa a"), and adds the new
// pairs back. Lists are never pruned; a word listed for a pair it no longer has is simply skipped.
using System.Runtime.InteropServices;

namespace MlNetAttention.Tokenizers;

/// <summary>Words, pair counts and pair-to-word index for merge learning.</summary>
internal sealed class MergeState
{
    private readonly List<int[]> _sequences;
    private readonly List<int> _lengths;
    private readonly List<long> _weights;
    private readonly Dictionary<long, List<int>> _wordsWithPair = [];
    private readonly int[] _visitedInMerge;
    private readonly HashSet<long> _touched = [];
    private int _mergeNumber;

    public MergeState(List<int[]> sequences, List<int> lengths, List<long> weights)
    {
        _sequences = sequences;
        _lengths = lengths;
        _weights = weights;
        _visitedInMerge = new int[sequences.Count];
        for (int w = 0; w < sequences.Count; w++)
        {
            var s = sequences[w];
            for (int k = 0; k + 1 < lengths[w]; k++)
            {
                long pair = Pair(s[k], s[k + 1]);
                CollectionsMarshal.GetValueRefOrAddDefault(PairCounts, pair, out _) += weights[w];
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_wordsWithPair, pair, out _);
                list ??= [];
                if (list.Count == 0 || list[^1] != w) list.Add(w);
            }
        }
    }

    /// <summary>Weighted occurrences of each adjacent pair (entries may be zero).</summary>
    public Dictionary<long, long> PairCounts { get; } = [];

    public static long Pair(int left, int right) => ((long)left << 32) | (uint)right;
    public static int Left(long pair) => (int)(pair >> 32);
    public static int Right(long pair) => (int)pair;

    /// <summary>Replaces every occurrence of <paramref name="pair"/> by <paramref name="merged"/>; returns
    /// the pairs whose count grew (all contain <paramref name="merged"/>).</summary>
    public HashSet<long> Merge(long pair, int merged)
    {
        _touched.Clear();
        _mergeNumber++;
        if (!_wordsWithPair.Remove(pair, out var words)) return _touched;
        int left = Left(pair), right = Right(pair);
        foreach (int w in words)
        {
            if (_visitedInMerge[w] == _mergeNumber) continue;
            _visitedInMerge[w] = _mergeNumber;
            MergeWord(w, left, right, merged);
        }
        return _touched;
    }

    private void MergeWord(int w, int left, int right, int merged)
    {
        var s = _sequences[w];
        int length = _lengths[w];
        long weight = _weights[w];
        bool found = false;
        for (int k = 0; k + 1 < length && !found; k++) found = s[k] == left && s[k + 1] == right;
        if (!found) return;

        for (int k = 0; k + 1 < length; k++) PairCounts[Pair(s[k], s[k + 1])] -= weight;
        int write = 0;
        for (int read = 0; read < length; read++)
        {
            if (read + 1 < length && s[read] == left && s[read + 1] == right)
            {
                s[write++] = merged;
                read++;
            }
            else
            {
                s[write++] = s[read];
            }
        }
        _lengths[w] = length = write;
        for (int k = 0; k + 1 < length; k++)
        {
            long p = Pair(s[k], s[k + 1]);
            CollectionsMarshal.GetValueRefOrAddDefault(PairCounts, p, out _) += weight;
            if (s[k] != merged && s[k + 1] != merged) continue;
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_wordsWithPair, p, out _);
            list ??= [];
            if (list.Count == 0 || list[^1] != w) list.Add(w);
            _touched.Add(p);
        }
    }
}
