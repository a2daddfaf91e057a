// The tokenizer abstraction shared by WordPieceTokenizer and WordTokenizer, shaped like
// Microsoft.ML.Tokenizers' Tokenizer: EncodeToIds, EncodeToTokens, CountTokens, Decode. Both run BERT
// basic tokenisation (BertPreTokenizer) and differ only in how one normalised word becomes ids
// (EncodeWord) and how ids are joined back (AppendDecoded).
// Constraints: immutable after construction, so every method is safe to call from many threads at
// once. The span overloads do not allocate (scratch is stack-allocated, or pooled when
// MaxInputCharsPerWord is large); they stop early when the destination is full, so encoding the
// first N tokens of a huge text costs O(N), not O(text). Null text is treated as empty.
// Why our own encoder and not Microsoft.ML.Tokenizers 3.0.0 (issue 10, item 5; bench tokenizer-compare,
// same texts, 1 thread, thread CPU time): on the five shared datasets ours encodes 2.2-2.7x the
// documents per second of its BertTokenizer built from the same vocabulary (2.0-2.2x even through our
// list-returning EncodeToIds), and 3x on IMDB when only the first 256 tokens are wanted, since it
// normalises the whole text first. Its BertTokenizer is also not BERT's basic tokenisation: its
// pre-tokenizer (\w+|\p{P}) drops ASCII symbols ($ < = > + ...) and other S*/No/Mc characters, its
// normaliser deletes \t \n \r (gluing the words around them), '_' stays inside words; 3-60% of the
// texts get other ids (0% on pricerunner). Its offsets index its normalised text, not the original.
// Its WordPieceTokenizer behind our basic tokenisation gives exactly our ids, and is slower still.
// Learned vocabularies stay interchangeable with it through vocab.txt (MicrosoftTokenizersTests).
using System.Buffers;
using System.Text;

namespace MlNetAttention.Tokenizers;

/// <summary>Turns text into vocabulary ids and back.</summary>
public abstract partial class Tokenizer
{
    /// <summary>Largest accepted <see cref="TokenizerOptions.MaxInputCharsPerWord"/>.</summary>
    public const int MaxMaxInputCharsPerWord = 1 << 20;

    private const int StackScratchChars = 512;
    private readonly bool[] _isSpecial;

    private protected Tokenizer(TokenizerOptions options, TokenVocabulary vocabulary, TokenizerTrainingSummary? trainingSummary)
    {
        Options = options;
        Vocabulary = vocabulary;
        TrainingSummary = trainingSummary;
        PreTokenizer = new BertPreTokenizer(options);
        UnknownTokenId = RequireSpecial(options.UnknownToken, nameof(options.UnknownToken));
        PaddingTokenId = RequireSpecial(options.PaddingToken, nameof(options.PaddingToken));
        ClassificationTokenId = RequireSpecial(options.ClassificationToken, nameof(options.ClassificationToken));
        SeparatorTokenId = RequireSpecial(options.SeparatorToken, nameof(options.SeparatorToken));
        MaskingTokenId = RequireSpecial(options.MaskingToken, nameof(options.MaskingToken));
        _isSpecial = new bool[vocabulary.Count];
        foreach (int id in new[] { UnknownTokenId, PaddingTokenId, ClassificationTokenId, SeparatorTokenId, MaskingTokenId })
            _isSpecial[id] = true;
        SpecialTokens = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [options.PaddingToken] = PaddingTokenId, [options.UnknownToken] = UnknownTokenId,
            [options.ClassificationToken] = ClassificationTokenId, [options.SeparatorToken] = SeparatorTokenId,
            [options.MaskingToken] = MaskingTokenId,
        }.AsReadOnly();
    }

    private int RequireSpecial(string token, string optionName) =>
        Vocabulary.TryGetId(token, out int id) ? id
            : throw new ArgumentException($"The vocabulary has no entry for the special token '{token}' ({optionName}).", "vocabulary");

    private protected TokenizerOptions Options { get; }
    private protected TokenVocabulary Vocabulary { get; }

    /// <summary>The normaliser and pre-tokeniser (BERT basic tokenisation) this tokenizer runs first.</summary>
    public BertPreTokenizer PreTokenizer { get; }

    /// <summary>Longer normalised words become one <see cref="UnknownToken"/>.</summary>
    public int MaxInputCharsPerWord => Options.MaxInputCharsPerWord;

    /// <summary>Statistics of the learning run, or null when the vocabulary was loaded from a file.</summary>
    public TokenizerTrainingSummary? TrainingSummary { get; }

    /// <summary>Number of ids.</summary>
    public int VocabularySize => Vocabulary.Count;

    /// <summary>Tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => Vocabulary.Tokens;

    /// <summary>Token to id.</summary>
    public IReadOnlyDictionary<string, int> TokenIds => Vocabulary.Ids;

    /// <summary>The special tokens and their ids.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>Token of unrepresentable words ("[UNK]").</summary>
    public string UnknownToken => Options.UnknownToken;
    /// <summary>Id of <see cref="UnknownToken"/>.</summary>
    public int UnknownTokenId { get; }
    /// <summary>Padding token ("[PAD]").</summary>
    public string PaddingToken => Options.PaddingToken;
    /// <summary>Id of <see cref="PaddingToken"/>.</summary>
    public int PaddingTokenId { get; }
    /// <summary>Token that starts a model input ("[CLS]").</summary>
    public string ClassificationToken => Options.ClassificationToken;
    /// <summary>Id of <see cref="ClassificationToken"/>.</summary>
    public int ClassificationTokenId { get; }
    /// <summary>Token that ends each sentence of a model input ("[SEP]").</summary>
    public string SeparatorToken => Options.SeparatorToken;
    /// <summary>Id of <see cref="SeparatorToken"/>.</summary>
    public int SeparatorTokenId { get; }
    /// <summary>Masked-language-model token ("[MASK]").</summary>
    public string MaskingToken => Options.MaskingToken;
    /// <summary>Id of <see cref="MaskingToken"/>.</summary>
    public int MaskingTokenId { get; }

    /// <summary>Whether <paramref name="id"/> is one of the five special tokens.</summary>
    public bool IsSpecialToken(int id) => (uint)id < (uint)_isSpecial.Length && _isSpecial[id];

    /// <summary>Encodes one normalised word into <paramref name="pieceIds"/>; <paramref name="pieceEnds"/>[k]
    /// is the end (exclusive, within <paramref name="word"/>) of piece k. Returns the piece count, or -1
    /// when the word is unknown. Both spans hold at least <c>word.Length</c> entries.</summary>
    private protected abstract int EncodeWord(ReadOnlySpan<char> word, Span<int> pieceIds, Span<int> pieceEnds);

    /// <summary>Appends one token to a text being decoded.</summary>
    private protected abstract void AppendDecoded(StringBuilder text, string token);

    /// <summary>Runs basic tokenisation and <see cref="EncodeWord"/> over <paramref name="text"/>, feeding
    /// <paramref name="sink"/> until it is full. Returns the original characters consumed: the whole
    /// text when every token fitted, else the end of the last token kept.</summary>
    internal int EncodeCore<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : ITokenSink, allows ref struct
    {
        int capacity = Options.MaxInputCharsPerWord;
        char[]? rentedChars = null;
        int[]? rentedInts = null;
        Span<char> chars = capacity <= StackScratchChars
            ? stackalloc char[StackScratchChars]
            : (rentedChars = ArrayPool<char>.Shared.Rent(capacity));
        Span<int> ints = capacity <= StackScratchChars
            ? stackalloc int[4 * StackScratchChars]
            : (rentedInts = ArrayPool<int>.Shared.Rent(4 * capacity));
        try
        {
            chars = chars[..capacity];
            var starts = ints.Slice(0, capacity);
            var ends = ints.Slice(capacity, capacity);
            var pieceIds = ints.Slice(2 * capacity, capacity);
            var pieceEnds = ints.Slice(3 * capacity, capacity);
            var reader = new WordReader(text, PreTokenizer, chars, starts, ends);
            int consumed = 0;
            while (reader.MoveNext())
            {
                int pieces = reader.IsTooLong ? -1 : EncodeWord(reader.Chars, pieceIds, pieceEnds);
                if (pieces < 0)
                {
                    if (!sink.TryAdd(UnknownTokenId, reader.Start, reader.End)) return consumed;
                    consumed = reader.End;
                    continue;
                }
                int pieceStart = 0;
                for (int k = 0; k < pieces; k++)
                {
                    int pieceEnd = pieceEnds[k];
                    int end = ends[pieceEnd - 1];
                    if (!sink.TryAdd(pieceIds[k], starts[pieceStart], end)) return consumed;
                    consumed = end;
                    pieceStart = pieceEnd;
                }
            }
            return text.Length;
        }
        finally
        {
            if (rentedChars is not null) ArrayPool<char>.Shared.Return(rentedChars);
            if (rentedInts is not null) ArrayPool<int>.Shared.Return(rentedInts);
        }
    }

    /// <summary>Encodes <paramref name="text"/> to ids (null or empty text gives none).</summary>
    /// <param name="text">Text to encode.</param>
    /// <param name="addSpecialTokens">Surround the ids with [CLS] ... [SEP].</param>
    public IReadOnlyList<int> EncodeToIds(string? text, bool addSpecialTokens = false) =>
        EncodeToIds(text, int.MaxValue, out _, addSpecialTokens);

    /// <summary>Encodes at most <paramref name="maxTokenCount"/> ids (special tokens included).</summary>
    /// <param name="text">Text to encode.</param>
    /// <param name="maxTokenCount">Largest number of ids returned.</param>
    /// <param name="charsConsumed">Original characters covered by the returned ids (the whole text when nothing was cut).</param>
    /// <param name="addSpecialTokens">Surround the ids with [CLS] ... [SEP].</param>
    public IReadOnlyList<int> EncodeToIds(string? text, int maxTokenCount, out int charsConsumed, bool addSpecialTokens = false)
    {
        if (maxTokenCount < (addSpecialTokens ? 2 : 0))
            throw new ArgumentOutOfRangeException(nameof(maxTokenCount),
                $"maxTokenCount must be at least {(addSpecialTokens ? 2 : 0)}{(addSpecialTokens ? " to hold [CLS] and [SEP]" : "")}; got {maxTokenCount}.");
        var ids = new List<int>();
        if (addSpecialTokens) ids.Add(ClassificationTokenId);
        var sink = new IdListTokenSink(ids, addSpecialTokens ? maxTokenCount - 1 : maxTokenCount);
        charsConsumed = EncodeCore(text.AsSpan(), ref sink);
        if (addSpecialTokens) ids.Add(SeparatorTokenId);
        return ids;
    }

    /// <summary>Encodes into <paramref name="destination"/> without allocating; returns the number of ids
    /// written. Encoding stops when the destination is full.</summary>
    public int EncodeToIds(ReadOnlySpan<char> text, Span<int> destination, out int charsConsumed, bool addSpecialTokens = false) =>
        EncodeToIds(text, destination, Span<Range>.Empty, out charsConsumed, addSpecialTokens);

    /// <summary>Encodes into <paramref name="destination"/> and the tokens' original ranges into
    /// <paramref name="offsets"/> (empty when not wanted), without allocating; returns the number of ids
    /// written. Special tokens get an empty range where they were inserted.</summary>
    public int EncodeToIds(ReadOnlySpan<char> text, Span<int> destination, Span<Range> offsets, out int charsConsumed, bool addSpecialTokens = false)
    {
        if (!offsets.IsEmpty && offsets.Length < destination.Length)
            throw new ArgumentException(
                $"offsets must be empty or hold as many entries as destination ({destination.Length}); got {offsets.Length}.", nameof(offsets));
        if (!addSpecialTokens)
        {
            var plain = new SpanTokenSink(destination, offsets);
            charsConsumed = EncodeCore(text, ref plain);
            return plain.Count;
        }
        if (destination.Length < 2)
            throw new ArgumentException($"destination must hold at least 2 ids for [CLS] and [SEP]; got {destination.Length}.", nameof(destination));
        var inner = new SpanTokenSink(destination[1..^1], offsets.IsEmpty ? offsets : offsets.Slice(1, destination.Length - 2));
        charsConsumed = EncodeCore(text, ref inner);
        destination[0] = ClassificationTokenId;
        destination[inner.Count + 1] = SeparatorTokenId;
        if (!offsets.IsEmpty)
        {
            offsets[0] = 0..0;
            offsets[inner.Count + 1] = charsConsumed..charsConsumed;
        }
        return inner.Count + 2;
    }

    /// <summary>Encodes <paramref name="text"/> to tokens with their original ranges.</summary>
    public IReadOnlyList<EncodedToken> EncodeToTokens(string? text, bool addSpecialTokens = false)
    {
        var tokens = new List<EncodedToken>();
        if (addSpecialTokens) tokens.Add(new EncodedToken(ClassificationTokenId, ClassificationToken, 0..0));
        var sink = new EncodedTokenListSink(tokens, Vocabulary, int.MaxValue);
        int consumed = EncodeCore(text.AsSpan(), ref sink);
        if (addSpecialTokens) tokens.Add(new EncodedToken(SeparatorTokenId, SeparatorToken, consumed..consumed));
        return tokens;
    }

    /// <summary>Number of ids <see cref="EncodeToIds(string?, bool)"/> would return without special tokens.</summary>
    public int CountTokens(string? text) => CountTokens(text.AsSpan());

    /// <summary>Number of ids the text encodes to, without special tokens.</summary>
    public int CountTokens(ReadOnlySpan<char> text)
    {
        var sink = new CountingTokenSink();
        EncodeCore(text, ref sink);
        return sink.Count;
    }

    /// <summary>Turns ids back into text: tokens joined by spaces (WordPiece glues continuation pieces to
    /// the piece before). Gives the normalised text (<see cref="BertPreTokenizer.Normalize"/>) of the
    /// encoded text when no word was unknown.</summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)Vocabulary.Count)
                throw new ArgumentOutOfRangeException(nameof(ids), $"Id {id} is outside the vocabulary [0, {Vocabulary.Count}).");
            if (skipSpecialTokens && _isSpecial[id]) continue;
            AppendDecoded(text, Vocabulary[id]);
        }
        return text.ToString();
    }

    /// <summary>The token with this id.</summary>
    public string MapIdToToken(int id) =>
        (uint)id < (uint)Vocabulary.Count ? Vocabulary[id]
            : throw new ArgumentOutOfRangeException(nameof(id), $"Id {id} is outside the vocabulary [0, {Vocabulary.Count}).");

    /// <summary>The id of a token, or null when it is not in the vocabulary.</summary>
    public int? MapTokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Vocabulary.TryGetId(token, out int id) ? id : null;
    }

    /// <summary>Writes the vocabulary as BERT's vocab.txt (one token per line, id = line number).</summary>
    public void SaveVocabulary(Stream stream) => Vocabulary.WriteVocabTxt(stream);

    /// <summary>Writes the vocabulary as BERT's vocab.txt to a file.</summary>
    public void SaveVocabulary(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Vocabulary.WriteVocabTxt(stream);
    }
}
