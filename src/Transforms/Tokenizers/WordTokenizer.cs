// Word-level tokenizer: BERT basic tokenisation, then one id per whole word; words outside the
// vocabulary are [UNK]. Learning keeps the words seen at least MinimumFrequency times, most frequent
// first, up to VocabularySize; if that leaves fewer [UNK]s in the training text than
// MinimumUnknownShare asks, the rarest kept words are dropped too, so [UNK] is trained. Same
// interface as WordPieceTokenizer so a trainer can compare the two on small data (DESIGN.md).
using System.Text;

namespace MlNetAttention.Tokenizers;

/// <summary>Whole-word tokenizer with a frequency-ranked vocabulary.</summary>
public sealed class WordTokenizer : Tokenizer
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;

    private WordTokenizer(TokenizerOptions options, TokenVocabulary vocabulary, TokenizerTrainingSummary? trainingSummary)
        : base(options, vocabulary, trainingSummary)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 0; id < vocabulary.Count; id++)
            if (!IsSpecialToken(id)) words.TryAdd(vocabulary[id], id);
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Builds a tokenizer over an existing vocabulary given in id order.</summary>
    public static WordTokenizer Create(IEnumerable<string> tokens, TokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Create(new TokenVocabulary(tokens), options, null);
    }

    /// <summary>Loads a vocab.txt (one word per line, id = line number) from a stream.</summary>
    public static WordTokenizer Create(Stream vocabStream, TokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabStream);
        return Create(TokenVocabulary.ReadVocabTxt(vocabStream), options, null);
    }

    internal static WordTokenizer Create(TokenVocabulary vocabulary, TokenizerOptions? options, TokenizerTrainingSummary? trainingSummary)
    {
        var copy = new TokenizerOptions();
        (options ?? copy).CopyTo(copy);
        copy.Validate(nameof(options));
        return new WordTokenizer(copy, vocabulary, trainingSummary);
    }

    /// <summary>Learns a word vocabulary from <paramref name="corpus"/>.</summary>
    /// <param name="corpus">Training texts; null entries count as empty.</param>
    /// <param name="trainingOptions">Vocabulary size, minimum frequency, [UNK] share, counting threads.</param>
    /// <param name="options">Tokenizer options of the result.</param>
    public static WordTokenizer Train(IEnumerable<string?> corpus, TokenizerTrainingOptions? trainingOptions = null, TokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Train(corpus.Select(text => text.AsMemory()), trainingOptions, options);
    }

    /// <summary>Learns a word vocabulary from a text column of <see cref="ReadOnlyMemory{T}"/> values.</summary>
    public static WordTokenizer Train(IEnumerable<ReadOnlyMemory<char>> corpus, TokenizerTrainingOptions? trainingOptions = null, TokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var tokenizerOptions = new TokenizerOptions();
        (options ?? tokenizerOptions).CopyTo(tokenizerOptions);
        tokenizerOptions.Validate(nameof(options));
        var training = trainingOptions?.Clone() ?? new TokenizerTrainingOptions();
        var specials = tokenizerOptions.SpecialTokensInIdOrder();
        training.Validate(nameof(trainingOptions), specials.Length);

        var counts = WordCounts.Count(corpus, new BertPreTokenizer(tokenizerOptions), tokenizerOptions.MaxInputCharsPerWord,
            training.ThreadCount);
        var order = Enumerable.Range(0, counts.Words.Length)
            .Where(w => counts.Counts[w] >= training.MinimumFrequency && Array.IndexOf(specials, counts.Words[w]) < 0)
            .OrderByDescending(w => counts.Counts[w]).ThenBy(w => counts.Words[w], StringComparer.Ordinal)
            .Take(training.VocabularySize - specials.Length)
            .ToList();
        long kept = order.Sum(w => counts.Counts[w]);
        long unknown = counts.WordOccurrences - kept;
        long required = training.RequiredUnknownOccurrences(counts.WordOccurrences);
        while (unknown < required && order.Count > 0)
        {
            unknown += counts.Counts[order[^1]];
            order.RemoveAt(order.Count - 1);
        }
        var summary = new TokenizerTrainingSummary(counts.Documents, counts.WordOccurrences, counts.Words.Length,
            counts.TooLongWordOccurrences, unknown);
        return Create(new TokenVocabulary(specials.Concat(order.Select(w => counts.Words[w]))), tokenizerOptions, summary);
    }

    /// <summary>The options this tokenizer was built with (a copy).</summary>
    public TokenizerOptions GetOptions() => Options.Clone();

    private protected override int EncodeWord(ReadOnlySpan<char> word, Span<int> pieceIds, Span<int> pieceEnds)
    {
        if (!_words.TryGetValue(word, out int id)) return -1;
        pieceIds[0] = id;
        pieceEnds[0] = word.Length;
        return 1;
    }

    private protected override void AppendDecoded(StringBuilder text, string token)
    {
        if (text.Length > 0) text.Append(' ');
        text.Append(token);
    }
}
