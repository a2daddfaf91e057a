// TokenizeIntoWordPieces' estimator (issue #4): turns a text column into a variable-length vector of
// WordPiece token ids (Schuster & Nakajima 2012; Devlin et al. 2019). Fit either learns the
// vocabulary from the input column — streamed through one cursor, exactly once, into
// WordPieceTokenizer.Train — or takes a ready Tokenizer (WordPiece or word-level) and reads no data.
// Output, by default ML.NET's convention for categorical ids: Vector<Key<UInt32, vocabulary size>>,
// key = token id + 1 (key 0 stays "missing"; no token maps to it), with the token strings as the
// KeyValues annotation, so MapKeyToValue turns a row back into its tokens and a trainer finds the
// vocabulary in the schema. OutputKind.Int32 gives the tokenizer's own 0-based ids instead (for
// consumers that index embedding tables by id, or compare with Python tokenizers).
// Empty text is ML.NET's missing text and gives an empty vector (without [CLS]/[SEP]).
using MlNetAttention.Data;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Text;

/// <summary>Tokenizes a text column into WordPiece token ids, learning the vocabulary or using a given one.</summary>
public sealed class WordPieceTokenizerEstimator : IEstimator<WordPieceTokenizerTransformer>
{
    /// <summary>The type of the output vector's items.</summary>
    public enum OutputKind : byte
    {
        /// <summary>Keys over the vocabulary: token id + 1, with the tokens as KeyValues (ML.NET's convention).</summary>
        Key = 0,

        /// <summary>The tokenizer's 0-based token ids as Int32, without annotations.</summary>
        Int32 = 1,
    }

    /// <summary>The defaults of the options that belong to the transform (the tokenizer's have their own).</summary>
    public static class Defaults
    {
        /// <summary>No truncation.</summary>
        public const int MaximumTokens = 0;

        /// <summary>Plain tokens, as ML.NET's TokenizeIntoWords and <see cref="Tokenizer.EncodeToIds(string?, bool)"/>.</summary>
        public const bool AddSpecialTokens = false;

        public const OutputKind Kind = OutputKind.Key;
    }

    /// <summary>Options of a transform that learns its vocabulary.</summary>
    public sealed class Options
    {
        /// <summary>How the vocabulary is learned: vocabulary size, minimum frequency, [UNK] share, counting threads.</summary>
        public TokenizerTrainingOptions TrainingOptions { get; set; } = new();

        /// <summary>Normalisation (lower-casing, accent stripping, CJK splitting), special tokens, continuation
        /// prefix and longest word of the learned tokenizer.</summary>
        public WordPieceOptions WordPieceOptions { get; set; } = new();

        /// <summary>Most ids per row, [CLS] and [SEP] included; longer rows keep their first tokens. 0 = no limit.</summary>
        public int MaximumTokens { get; set; } = Defaults.MaximumTokens;

        /// <summary>Surround each row's ids with [CLS] ... [SEP] (BERT's single-sentence input).</summary>
        public bool AddSpecialTokens { get; set; } = Defaults.AddSpecialTokens;

        /// <summary>Keys over the vocabulary (default) or raw Int32 ids.</summary>
        public OutputKind OutputKind { get; set; } = Defaults.Kind;
    }

    internal const string ExpectedInputType = "Text";

    private readonly MLContext _context;
    private readonly string _outputColumnName;
    private readonly string _inputColumnName;
    private readonly Tokenizer? _tokenizer;
    private readonly TokenizerTrainingOptions? _trainingOptions;
    private readonly WordPieceOptions? _wordPieceOptions;
    private readonly int _maximumTokens;
    private readonly bool _addSpecialTokens;
    private readonly OutputKind _outputKind;

    /// <summary>An estimator that learns the vocabulary from <paramref name="inputColumnName"/> in Fit.</summary>
    /// <param name="context">The context (its log receives the learning summary).</param>
    /// <param name="outputColumnName">The column of token ids.</param>
    /// <param name="inputColumnName">The text column; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="options">Learning, normalisation and output options; defaults when null. Copied here, so
    /// later edits do not change this estimator.</param>
    public WordPieceTokenizerEstimator(MLContext context, string outputColumnName, string? inputColumnName = null, Options? options = null)
        : this(context, outputColumnName, inputColumnName)
    {
        options ??= new Options();
        if (options.TrainingOptions is null)
            throw new ArgumentException($"{nameof(Options.TrainingOptions)} must not be null.", nameof(options));
        if (options.WordPieceOptions is null)
            throw new ArgumentException($"{nameof(Options.WordPieceOptions)} must not be null.", nameof(options));
        _wordPieceOptions = options.WordPieceOptions.CloneWordPiece();
        _wordPieceOptions.Validate(nameof(options));
        _trainingOptions = options.TrainingOptions.Clone();
        _trainingOptions.Validate(nameof(options), _wordPieceOptions.SpecialTokensInIdOrder().Length);
        ValidateEncoding(options.MaximumTokens, options.AddSpecialTokens, options.OutputKind, nameof(options), nameof(options));
        (_maximumTokens, _addSpecialTokens, _outputKind) = (options.MaximumTokens, options.AddSpecialTokens, options.OutputKind);
    }

    /// <summary>An estimator that uses <paramref name="tokenizer"/> as it is; Fit reads no data.</summary>
    /// <param name="context">The context.</param>
    /// <param name="outputColumnName">The column of token ids.</param>
    /// <param name="tokenizer">A trained or loaded tokenizer (WordPiece or word-level); it is immutable and
    /// is saved with the model.</param>
    /// <param name="inputColumnName">The text column; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumTokens">Most ids per row, special tokens included; 0 = no limit.</param>
    /// <param name="addSpecialTokens">Surround each row's ids with [CLS] ... [SEP].</param>
    /// <param name="outputKind">Keys over the vocabulary or raw Int32 ids.</param>
    public WordPieceTokenizerEstimator(MLContext context, string outputColumnName, Tokenizer tokenizer, string? inputColumnName = null,
        int maximumTokens = Defaults.MaximumTokens, bool addSpecialTokens = Defaults.AddSpecialTokens, OutputKind outputKind = Defaults.Kind)
        : this(context, outputColumnName, inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ValidateEncoding(maximumTokens, addSpecialTokens, outputKind, nameof(maximumTokens), nameof(outputKind));
        _tokenizer = tokenizer;
        (_maximumTokens, _addSpecialTokens, _outputKind) = (maximumTokens, addSpecialTokens, outputKind);
    }

    private WordPieceTokenizerEstimator(MLContext context, string outputColumnName, string? inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        if (inputColumnName is not null) ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        _context = context;
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName ?? outputColumnName;
    }

    /// <summary>Learns the vocabulary (one pass over the input column) unless a tokenizer was given.</summary>
    /// <exception cref="SchemaMismatchException">The input column is missing or is not text.</exception>
    /// <exception cref="InvalidOperationException">The column holds no word to learn from.</exception>
    public WordPieceTokenizerTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = CheckInput(input.Schema, _inputColumnName, nameof(WordPieceTokenizerEstimator));
        var tokenizer = _tokenizer ?? Learn(input, column);
        return new WordPieceTokenizerTransformer(_outputColumnName, _inputColumnName, tokenizer, _maximumTokens, _addSpecialTokens, _outputKind);
    }

    private WordPieceTokenizer Learn(IDataView input, DataViewSchema.Column column)
    {
        var tokenizer = WordPieceTokenizer.Train(ReadTexts(input, column), _trainingOptions, _wordPieceOptions);
        var summary = tokenizer.TrainingSummary!;
        if (summary.WordOccurrences == 0)
            throw new InvalidOperationException(
                $"{nameof(WordPieceTokenizerEstimator)}: column '{column.Name}' has no word to learn a vocabulary from " +
                $"({summary.Documents} rows, every text empty or blank).");
        _context.WriteLog(nameof(WordPieceTokenizerEstimator), Runtime.ChannelMessageKind.Trace,
            $"Column '{column.Name}': learned {tokenizer.VocabularySize} tokens from {summary.Documents} rows " +
            $"({summary.WordOccurrences} words, {summary.DistinctWords} distinct, [UNK] share {summary.UnknownShare:G3}).");
        return tokenizer;
    }

    // One cursor, one pass. The learner counts words in batches of many rows, so each text must outlive
    // its row: text backed by a string (immutable; what TextLoader and LoadFromEnumerable give) is kept
    // as is, text over a char array that a cursor may reuse is copied.
    private static IEnumerable<ReadOnlyMemory<char>> ReadTexts(IDataView input, DataViewSchema.Column column)
    {
        using var cursor = input.GetRowCursor([column]);
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext())
        {
            getter(ref text);
            yield return text.IsEmpty || System.Runtime.InteropServices.MemoryMarshal.TryGetString(text, out _, out _, out _)
                ? text
                : text.ToString().AsMemory();
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = SchemaErrors.FindColumn(inputSchema, _inputColumnName, nameof(WordPieceTokenizerEstimator));
        if (input.Kind != SchemaShape.Column.VectorKind.Scalar || input.IsKey || input.ItemType is not TextDataViewType)
            throw SchemaErrors.WrongType(input.Name, input.GetTypeString(), ExpectedInputType, nameof(WordPieceTokenizerEstimator));
        var output = _outputKind == OutputKind.Key
            ? new SchemaShape.Column(_outputColumnName, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.UInt32, true,
                new SchemaShape([new SchemaShape.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector,
                    TextDataViewType.Instance, false)]))
            : new SchemaShape.Column(_outputColumnName, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Int32, false);
        return inputSchema.AddOrReplace(output);
    }

    /// <summary>The text column <paramref name="name"/> of <paramref name="schema"/>, or a schema error naming it.</summary>
    internal static DataViewSchema.Column CheckInput(DataViewSchema schema, string name, string component)
    {
        var column = SchemaErrors.FindColumn(schema, name, component);
        if (column.Type is not TextDataViewType)
            throw SchemaErrors.WrongType(column.Name, column.Type, ExpectedInputType, component);
        return column;
    }

    /// <summary>Throws an ArgumentOutOfRangeException naming the parameter that holds a bad encoding setting.</summary>
    internal static void ValidateEncoding(int maximumTokens, bool addSpecialTokens, OutputKind outputKind,
        string maximumTokensParameter, string outputKindParameter)
    {
        int least = addSpecialTokens ? 2 : 1;
        if (maximumTokens != 0 && maximumTokens < least)
            throw new ArgumentOutOfRangeException(maximumTokensParameter, maximumTokens,
                $"MaximumTokens must be 0 (no limit) or at least {least}{(addSpecialTokens ? " to hold [CLS] and [SEP]" : "")}; got {maximumTokens}.");
        if (!Enum.IsDefined(outputKind))
            throw new ArgumentOutOfRangeException(outputKindParameter, outputKind, $"Unknown output kind {outputKind}.");
    }
}
