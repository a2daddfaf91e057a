// TokenizeIntoWordPieces' fitted transformer: a lazy row-to-row mapping from a text column to a
// variable-length vector of token ids (keys id + 1 with the tokens as KeyValues, or raw Int32 ids;
// see WordPieceTokenizerEstimator). The tokenizer is immutable and shared by all cursors; each
// cursor's getter owns a TokenIdBuffer and fills the caller's VBuffer in place, so the mapping itself
// allocates only while those buffers grow to the longest row. Saved in the model zip as a small
// config.json plus the tokenizer in its own versioned format (Tokenizer.Save/Load), so a loaded
// model tokenizes exactly as the saved one.
using MlNetAttention.Data;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Text;

/// <summary>Maps a text column to WordPiece token ids with a fixed tokenizer.</summary>
public sealed class WordPieceTokenizerTransformer : RowToRowTransformerBase
{
    private const string ConfigEntry = "config.json";
    private const string TokenizerEntry = "tokenizer.bin";
    private const int FormatVersion = 1;

    private readonly ReadOnlyMemory<char>[] _keyValues;

    internal WordPieceTokenizerTransformer(string outputColumnName, string inputColumnName, Tokenizer tokenizer,
        int maximumTokens, bool addSpecialTokens, WordPieceTokenizerEstimator.OutputKind outputKind)
    {
        System.Diagnostics.Debug.Assert(!string.IsNullOrEmpty(outputColumnName) && !string.IsNullOrEmpty(inputColumnName));
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Tokenizer = tokenizer;
        MaximumTokens = maximumTokens;
        AddSpecialTokens = addSpecialTokens;
        OutputKind = outputKind;
        _keyValues = outputKind == WordPieceTokenizerEstimator.OutputKind.Key
            ? tokenizer.Tokens.Select(t => t.AsMemory()).ToArray()
            : [];
    }

    /// <summary>The column of token ids.</summary>
    public string OutputColumnName { get; }

    /// <summary>The text column.</summary>
    public string InputColumnName { get; }

    /// <summary>The learned (or given) tokenizer: its vocabulary, special-token ids, Decode, and the learning
    /// summary when it was learned.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Most ids per row, special tokens included; 0 = no limit.</summary>
    public int MaximumTokens { get; }

    /// <summary>Whether each row's ids are surrounded by [CLS] ... [SEP].</summary>
    public bool AddSpecialTokens { get; }

    /// <summary>Keys over the vocabulary (id + 1) or raw Int32 ids.</summary>
    public WordPieceTokenizerEstimator.OutputKind OutputKind { get; }

    protected override RowMapper MakeRowMapper(DataViewSchema inputSchema) => new Mapper(this, inputSchema);

    private sealed record SavedConfig(int Version, string OutputColumnName, string InputColumnName, int MaximumTokens,
        bool AddSpecialTokens, string OutputKind);

    public override void Save(ModelSaveContext context)
    {
        // Binary format, version 1: config.json {version, outputColumnName, inputColumnName, maximumTokens,
        // addSpecialTokens, outputKind ("Key" or "Int32")} and tokenizer.bin, the tokenizer as written by
        // Tokenizer.Save (its own versioned "MTOK" format: kind, options, vocabulary, training summary).
        ArgumentNullException.ThrowIfNull(context);
        using (var stream = context.CreateEntry(TokenizerEntry)) Tokenizer.Save(stream);
        context.WriteJson(ConfigEntry, new SavedConfig(FormatVersion, OutputColumnName, InputColumnName, MaximumTokens,
            AddSpecialTokens, OutputKind.ToString()));
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static WordPieceTokenizerTransformer Load(ModelLoadContext context)
    {
        // Binary format, version 1: config.json {version, outputColumnName, inputColumnName, maximumTokens,
        // addSpecialTokens, outputKind ("Key" or "Int32")} and tokenizer.bin, the tokenizer as written by
        // Tokenizer.Save (its own versioned "MTOK" format: kind, options, vocabulary, training summary).
        ArgumentNullException.ThrowIfNull(context);
        var config = context.ReadJson<SavedConfig>(ConfigEntry);
        if (config.Version != FormatVersion) throw context.Error(ConfigEntry, $"unknown version {config.Version}");
        if (string.IsNullOrWhiteSpace(config.OutputColumnName) || string.IsNullOrWhiteSpace(config.InputColumnName))
            throw context.Error(ConfigEntry, "the column names are missing");
        if (!Enum.GetNames<WordPieceTokenizerEstimator.OutputKind>().Contains(config.OutputKind))
            throw context.Error(ConfigEntry, $"unknown output kind '{config.OutputKind}'");
        var kind = Enum.Parse<WordPieceTokenizerEstimator.OutputKind>(config.OutputKind);
        try
        {
            WordPieceTokenizerEstimator.ValidateEncoding(config.MaximumTokens, config.AddSpecialTokens, kind,
                nameof(config.MaximumTokens), nameof(config.OutputKind));
        }
        catch (ArgumentException e)
        {
            throw context.Error(ConfigEntry, e.Message, e);
        }
        var tokenizer = context.ReadBinary(TokenizerEntry, reader => Tokenizer.Load(reader.BaseStream));
        return new WordPieceTokenizerTransformer(config.OutputColumnName, config.InputColumnName, tokenizer,
            config.MaximumTokens, config.AddSpecialTokens, kind);
    }

    private sealed class Mapper : RowMapper
    {
        private readonly WordPieceTokenizerTransformer _parent;
        private readonly DataViewSchema.Column _input;

        public Mapper(WordPieceTokenizerTransformer parent, DataViewSchema inputSchema) : base(inputSchema)
        {
            _parent = parent;
            _input = WordPieceTokenizerEstimator.CheckInput(inputSchema, parent.InputColumnName, nameof(WordPieceTokenizerTransformer));
        }

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
        {
            if (_parent.OutputKind == WordPieceTokenizerEstimator.OutputKind.Int32)
                return [new DataViewSchema.DetachedColumn(_parent.OutputColumnName, new VectorDataViewType(NumberDataViewType.Int32))];
            var keyValues = _parent._keyValues;
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.AddKeyValues(keyValues.Length, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> values) =>
            {
                var editor = VBufferEditor.Create(ref values, keyValues.Length);
                keyValues.CopyTo(editor.Values);
                values = editor.Commit();
            });
            var type = new VectorDataViewType(new KeyDataViewType(typeof(uint), keyValues.Length));
            return [new DataViewSchema.DetachedColumn(_parent.OutputColumnName, type, annotations.ToAnnotations())];
        }

        public override IEnumerable<DataViewSchema.Column> GetDependencies(int outputIndex) => [_input];

        public override Delegate MakeGetter(DataViewRow input, int outputIndex)
        {
            var textGetter = input.GetGetter<ReadOnlyMemory<char>>(_input);
            var buffer = new TokenIdBuffer(_parent.Tokenizer, _parent.MaximumTokens, _parent.AddSpecialTokens);
            ReadOnlyMemory<char> text = default;
            if (_parent.OutputKind == WordPieceTokenizerEstimator.OutputKind.Int32)
            {
                return new ValueGetter<VBuffer<int>>((ref VBuffer<int> ids) =>
                {
                    textGetter(ref text);
                    var encoded = buffer.Encode(text.Span);
                    var editor = VBufferEditor.Create(ref ids, encoded.Length);
                    encoded.CopyTo(editor.Values);
                    ids = editor.Commit();
                });
            }
            return new ValueGetter<VBuffer<uint>>((ref VBuffer<uint> keys) =>
            {
                textGetter(ref text);
                var encoded = buffer.Encode(text.Span);
                var editor = VBufferEditor.Create(ref keys, encoded.Length);
                // Key = id + 1: ML.NET keys are 1-based, 0 being the missing value. A plain loop: a row holds
                // tens to hundreds of ids, negligible next to encoding them.
                var values = editor.Values;
                for (int i = 0; i < encoded.Length; i++) values[i] = (uint)encoded[i] + 1;
                keys = editor.Commit();
            });
        }
    }
}
