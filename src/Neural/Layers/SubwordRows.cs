// The subword rows of the n-gram bag, after fastText (Bojanowski et al. 2017, "Enriching Word Vectors
// with Subword Information"): each token's text, with the word-boundary markers the caller knows
// ("<" where a word starts, ">" where it ends), contributes one hashed table row per character n-gram
// of length minLength..maxLength, in the bag's bucket range [V, V + NB) that the token n-grams use too
// (fastText shares one bucket table the same way). Tokens that share n-grams ("<amazing", "<amazingly")
// then share rows, so a token seen a few times in training still brings features its neighbours
// trained; that sharing is what a token's own unigram row cannot give.
//   rows(token) = [ V + hash(c_i … c_{i+n−1}) mod NB : minLength ≤ n ≤ maxLength, 0 ≤ i ≤ |text| − n ]
// over the text's Unicode code points (a surrogate pair is one character). n-grams that are a lone
// marker are skipped, as in fastText. The table is derived from the vocabulary, so it is rebuilt on
// load rather than saved. Immutable and thread-safe once built.
namespace MlNetAttention.Neural.Layers;

public sealed class SubwordRows
{
    /// <summary>Start value of the character n-gram hash: distinct from the token n-gram hash's
    /// (<see cref="NgramEmbeddingBag.HashSeed"/>), so that a character n-gram and a token n-gram with the
    /// same numbers do not land in the same bucket by construction.</summary>
    public const ulong HashSeed = 0xC4A2_D1B5_0F6E_3A97UL;

    /// <summary>Most characters of a subword n-gram.</summary>
    public const int MaximumNgramLength = 16;

    private readonly int[] _offsets; // (V + 1): token id's rows are _rows[_offsets[id] .. _offsets[id + 1])
    private readonly int[] _rows;

    private SubwordRows(int[] offsets, int[] rows, int buckets, int minimumLength, int maximumLength)
    {
        _offsets = offsets;
        _rows = rows;
        Buckets = buckets;
        MinimumLength = minimumLength;
        MaximumLength = maximumLength;
        for (int id = 0; id + 1 < offsets.Length; id++) MostRowsPerToken = Math.Max(MostRowsPerToken, offsets[id + 1] - offsets[id]);
    }

    /// <summary>Tokens in the vocabulary (V).</summary>
    public int VocabularySize => _offsets.Length - 1;

    /// <summary>Hash buckets the rows fall in (NB): rows are in [V, V + NB).</summary>
    public int Buckets { get; }

    /// <summary>Shortest character n-gram.</summary>
    public int MinimumLength { get; }

    /// <summary>Longest character n-gram.</summary>
    public int MaximumLength { get; }

    /// <summary>The most rows one token has.</summary>
    public int MostRowsPerToken { get; }

    /// <summary>Rows over all tokens.</summary>
    public int TotalRows => _rows.Length;

    /// <summary>The subword rows of token <paramref name="tokenId"/> (none for a token without text).</summary>
    public ReadOnlySpan<int> Of(int tokenId) => _rows.AsSpan(_offsets[tokenId], _offsets[tokenId + 1] - _offsets[tokenId]);

    /// <summary>
    /// Builds the rows of every token. <paramref name="tokenTexts"/>[id] is token id's text with its
    /// boundary markers (for instance "&lt;play" for a word-initial WordPiece, "ing" for "##ing",
    /// "&lt;play&gt;" for a whole word), or null for a token with no subwords (special tokens).
    /// </summary>
    public static SubwordRows Build(IReadOnlyList<string?> tokenTexts, int minimumLength, int maximumLength, int buckets)
    {
        ArgumentNullException.ThrowIfNull(tokenTexts);
        if (minimumLength < 1 || minimumLength > maximumLength || maximumLength > MaximumNgramLength)
            throw new ArgumentException(
                $"the character n-gram lengths must satisfy 1 ≤ minimum ≤ maximum ≤ {MaximumNgramLength}; got {minimumLength} and {maximumLength}.");
        if (buckets < 1) throw new ArgumentException($"buckets must be positive, got {buckets}.", nameof(buckets));
        int vocabularySize = tokenTexts.Count;
        var offsets = new int[vocabularySize + 1];
        var rows = new List<int>();
        var characters = new List<int>();
        for (int id = 0; id < vocabularySize; id++)
        {
            if (tokenTexts[id] is { } text)
            {
                characters.Clear();
                foreach (var rune in text.EnumerateRunes()) characters.Add(rune.Value);
                AddRows(characters, minimumLength, maximumLength, vocabularySize, buckets, rows);
            }
            offsets[id + 1] = rows.Count;
        }
        return new SubwordRows(offsets, rows.ToArray(), buckets, minimumLength, maximumLength);
    }

    /// <summary>The table row of one character n-gram (code points): V + (h mod NB) where
    /// h = Mix(… Mix(Mix(seed ⊕ c_0) ⊕ c_1) … ⊕ c_{n−1}) over SplitMix64's mixer.</summary>
    public static int Row(ReadOnlySpan<int> characters, int vocabularySize, int buckets) =>
        NgramEmbeddingBag.BucketRow(HashSeed, characters, vocabularySize, buckets);

    private static void AddRows(List<int> characters, int minimumLength, int maximumLength, int vocabularySize, int buckets, List<int> rows)
    {
        ReadOnlySpan<int> text = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(characters);
        for (int n = minimumLength; n <= maximumLength; n++)
        {
            for (int i = 0; i + n <= text.Length; i++)
            {
                if (n == 1 && (text[i] == '<' && i == 0 || text[i] == '>' && i == text.Length - 1)) continue;
                rows.Add(Row(text.Slice(i, n), vocabularySize, buckets));
            }
        }
    }
}
