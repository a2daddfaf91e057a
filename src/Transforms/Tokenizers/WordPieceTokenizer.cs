// WordPiece encoding (Schuster & Nakajima 2012; Wu et al. 2016; as used by BERT, Devlin et al. 2019):
// after basic tokenisation every word is cut greedily, longest match first, into vocabulary pieces;
// pieces after the first carry the continuation prefix ("un ##aff ##able"). If some position of a
// word matches no piece, or the word is longer than MaxInputCharsPerWord, the whole word is one
// [UNK] — BERT's rule, which keeps [UNK] meaning "unrepresentable word".
// Speed: two span-keyed dictionaries (word-initial pieces, continuation pieces stored without the
// prefix) are probed from the longest possible piece down, starting at the longest piece length in
// the vocabulary, so a word already in the vocabulary costs one lookup and no string is built.
// A piece boundary never falls between the two halves of a surrogate pair (code-point semantics).
using System.Text;

namespace MlNetAttention.Tokenizers;

/// <summary>BERT's WordPiece tokenizer: basic tokenisation, then greedy longest-match-first pieces.</summary>
public sealed class WordPieceTokenizer : Tokenizer
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _initialPieces;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuationPieces;
    private readonly int _longestInitialPiece;
    private readonly int _longestContinuationPiece;

    private WordPieceTokenizer(WordPieceOptions options, TokenVocabulary vocabulary, TokenizerTrainingSummary? trainingSummary)
        : base(options, vocabulary, trainingSummary)
    {
        ContinuingSubwordPrefix = options.ContinuingSubwordPrefix;
        var initial = new Dictionary<string, int>(StringComparer.Ordinal);
        var continuation = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 0; id < vocabulary.Count; id++)
        {
            string token = vocabulary[id];
            if (IsSpecialToken(id) || token.Length == 0) continue;
            if (token.StartsWith(ContinuingSubwordPrefix, StringComparison.Ordinal))
            {
                if (token.Length == ContinuingSubwordPrefix.Length) continue;
                string rest = token[ContinuingSubwordPrefix.Length..];
                if (continuation.TryAdd(rest, id)) _longestContinuationPiece = Math.Max(_longestContinuationPiece, rest.Length);
            }
            else if (initial.TryAdd(token, id))
            {
                _longestInitialPiece = Math.Max(_longestInitialPiece, token.Length);
            }
        }
        _initialPieces = initial.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuationPieces = continuation.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Prefix of pieces that continue a word.</summary>
    public string ContinuingSubwordPrefix { get; }

    /// <summary>Builds a tokenizer over an existing vocabulary given in id order.</summary>
    /// <param name="tokens">Vocabulary entries; id = position. Must contain the special tokens of <paramref name="options"/>.</param>
    /// <param name="options">Options; defaults are BERT uncased.</param>
    public static WordPieceTokenizer Create(IEnumerable<string> tokens, WordPieceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Create(new TokenVocabulary(tokens), options, null);
    }

    /// <summary>Loads BERT's vocab.txt (one token per line, id = line number) from a stream.</summary>
    public static WordPieceTokenizer Create(Stream vocabStream, WordPieceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabStream);
        return Create(TokenVocabulary.ReadVocabTxt(vocabStream), options, null);
    }

    /// <summary>Loads BERT's vocab.txt from a file.</summary>
    public static WordPieceTokenizer Create(string vocabFilePath, WordPieceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabFilePath);
        if (!File.Exists(vocabFilePath))
            throw new FileNotFoundException($"Vocabulary file '{vocabFilePath}' does not exist.", vocabFilePath);
        using var stream = File.OpenRead(vocabFilePath);
        return Create(TokenVocabulary.ReadVocabTxt(stream), options, null);
    }

    internal static WordPieceTokenizer Create(TokenVocabulary vocabulary, WordPieceOptions? options, TokenizerTrainingSummary? trainingSummary)
    {
        var copy = (options ?? new WordPieceOptions()).CloneWordPiece();
        copy.Validate(nameof(options));
        return new WordPieceTokenizer(copy, vocabulary, trainingSummary);
    }

    /// <summary>Learns a WordPiece vocabulary from <paramref name="corpus"/> (see WordPieceTrainer for the algorithm).</summary>
    /// <param name="corpus">Training texts; null entries count as empty.</param>
    /// <param name="trainingOptions">Vocabulary size, minimum frequency, [UNK] share, counting threads.</param>
    /// <param name="options">Tokenizer options of the result.</param>
    public static WordPieceTokenizer Train(IEnumerable<string?> corpus, TokenizerTrainingOptions? trainingOptions = null, WordPieceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Train(corpus.Select(text => text.AsMemory()), trainingOptions, options);
    }

    /// <summary>Learns a WordPiece vocabulary from a text column (ML.NET's text values are
    /// <see cref="ReadOnlyMemory{T}"/> of char), without copying the texts.</summary>
    public static WordPieceTokenizer Train(IEnumerable<ReadOnlyMemory<char>> corpus, TokenizerTrainingOptions? trainingOptions = null, WordPieceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var tokenizerOptions = (options ?? new WordPieceOptions()).CloneWordPiece();
        tokenizerOptions.Validate(nameof(options));
        var training = trainingOptions?.Clone() ?? new TokenizerTrainingOptions();
        training.Validate(nameof(trainingOptions), tokenizerOptions.SpecialTokensInIdOrder().Length);
        return WordPieceTrainer.Train(corpus, training, tokenizerOptions);
    }

    /// <summary>The options this tokenizer was built with (a copy).</summary>
    public WordPieceOptions GetOptions() => ((WordPieceOptions)Options).CloneWordPiece();

    private protected override int EncodeWord(ReadOnlySpan<char> word, Span<int> pieceIds, Span<int> pieceEnds)
    {
        int count = 0;
        int start = 0;
        while (start < word.Length)
        {
            bool isInitial = start == 0;
            var lookup = isInitial ? _initialPieces : _continuationPieces;
            int end = Math.Min(word.Length, start + (isInitial ? _longestInitialPiece : _longestContinuationPiece));
            int id = -1;
            for (; end > start; end--)
            {
                if (end < word.Length && char.IsLowSurrogate(word[end]) && char.IsHighSurrogate(word[end - 1])) continue;
                if (lookup.TryGetValue(word[start..end], out int found))
                {
                    id = found;
                    break;
                }
            }
            if (id < 0) return -1;
            pieceIds[count] = id;
            pieceEnds[count] = end;
            count++;
            start = end;
        }
        return count;
    }

    private protected override void AppendDecoded(StringBuilder text, string token)
    {
        // BERT's convention: " ".join(tokens).replace(" ##", "").
        if (text.Length > 0 && token.StartsWith(ContinuingSubwordPrefix, StringComparison.Ordinal))
        {
            text.Append(token, ContinuingSubwordPrefix.Length, token.Length - ContinuingSubwordPrefix.Length);
            return;
        }
        if (text.Length > 0) text.Append(' ');
        text.Append(token);
    }
}
