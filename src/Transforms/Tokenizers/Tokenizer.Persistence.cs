// Saving and loading a whole tokenizer (kind, options, vocabulary, training summary) to one stream,
// for the model zip. Versioned binary format; Save and Load carry the same description, and Load
// turns every malformed input into an InvalidDataException that says what is wrong, never a crash
// deep inside. vocab.txt (SaveVocabulary / WordPieceTokenizer.Create) is the interchange format with
// BERT; this one also keeps the options, which vocab.txt cannot.
using System.Text;

namespace MlNetAttention.Tokenizers;

public abstract partial class Tokenizer
{
    private const int Magic = 0x4B4F544D; // "MTOK" little-endian
    private const int FormatVersion = 1;
    private const byte KindWordPiece = 1;
    private const byte KindWord = 2;
    private const int MaxSerializedVocabulary = 1 << 22; // 4M entries; BERT-family vocabularies are at most ~250k

    /// <summary>Writes the tokenizer (kind, options, vocabulary, training summary) to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(stream));
        // Binary format, version 1 (little-endian; strings are BinaryWriter's length-prefixed UTF-8):
        //   int32 magic "MTOK", int32 version, byte kind (1 WordPiece, 2 Word)
        //   bool LowerCaseBeforeTokenization, bool RemoveNonSpacingMarks, bool IndividuallyTokenizeCjk
        //   int32 MaxInputCharsPerWord
        //   string UnknownToken, PaddingToken, ClassificationToken, SeparatorToken, MaskingToken
        //   [WordPiece only] string ContinuingSubwordPrefix
        //   int32 N, then N strings: the vocabulary in id order
        //   bool hasSummary; [if so] int64 Documents, int64 WordOccurrences, int32 DistinctWords,
        //                            int64 TooLongWordOccurrences, int64 UnknownTokenOccurrences
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(this is WordPieceTokenizer ? KindWordPiece : KindWord);
        writer.Write(Options.LowerCaseBeforeTokenization);
        writer.Write(Options.RemoveNonSpacingMarks);
        writer.Write(Options.IndividuallyTokenizeCjk);
        writer.Write(Options.MaxInputCharsPerWord);
        writer.Write(Options.UnknownToken);
        writer.Write(Options.PaddingToken);
        writer.Write(Options.ClassificationToken);
        writer.Write(Options.SeparatorToken);
        writer.Write(Options.MaskingToken);
        if (this is WordPieceTokenizer wordPiece) writer.Write(wordPiece.ContinuingSubwordPrefix);
        writer.Write(Vocabulary.Count);
        foreach (var token in Vocabulary.Tokens) writer.Write(token);
        writer.Write(TrainingSummary is not null);
        if (TrainingSummary is { } s)
        {
            writer.Write(s.Documents);
            writer.Write(s.WordOccurrences);
            writer.Write(s.DistinctWords);
            writer.Write(s.TooLongWordOccurrences);
            writer.Write(s.UnknownTokenOccurrences);
        }
    }

    /// <summary>Writes the tokenizer to a file.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>Reads a tokenizer written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a tokenizer, is truncated or is corrupt.</exception>
    public static Tokenizer Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream is not readable.", nameof(stream));
        // Binary format, version 1: see Save.
        using var reader = new BinaryReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), leaveOpen: true);
        try
        {
            if (reader.ReadInt32() != Magic)
                throw new InvalidDataException("Not a MlNetAttention tokenizer: the stream does not start with the 'MTOK' marker.");
            int version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"Unsupported tokenizer format version {version}; this build reads version {FormatVersion}.");
            byte kind = reader.ReadByte();
            if (kind is not (KindWordPiece or KindWord))
                throw new InvalidDataException($"Unknown tokenizer kind {kind}; expected {KindWordPiece} (WordPiece) or {KindWord} (Word).");
            TokenizerOptions options = kind == KindWordPiece ? new WordPieceOptions() : new TokenizerOptions();
            options.LowerCaseBeforeTokenization = reader.ReadBoolean();
            options.RemoveNonSpacingMarks = reader.ReadBoolean();
            options.IndividuallyTokenizeCjk = reader.ReadBoolean();
            options.MaxInputCharsPerWord = reader.ReadInt32();
            options.UnknownToken = reader.ReadString();
            options.PaddingToken = reader.ReadString();
            options.ClassificationToken = reader.ReadString();
            options.SeparatorToken = reader.ReadString();
            options.MaskingToken = reader.ReadString();
            if (options is WordPieceOptions wordPieceOptions) wordPieceOptions.ContinuingSubwordPrefix = reader.ReadString();
            int count = reader.ReadInt32();
            if (count < 1 || count > MaxSerializedVocabulary)
                throw new InvalidDataException($"Corrupt tokenizer: vocabulary size {count} is outside [1, {MaxSerializedVocabulary}].");
            var tokens = new string[count];
            for (int i = 0; i < count; i++) tokens[i] = reader.ReadString();
            TokenizerTrainingSummary? summary = null;
            if (reader.ReadBoolean())
                summary = new TokenizerTrainingSummary(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt32(),
                    reader.ReadInt64(), reader.ReadInt64());
            var vocabulary = new TokenVocabulary(tokens);
            return options is WordPieceOptions wp
                ? WordPieceTokenizer.Create(vocabulary, wp, summary)
                : WordTokenizer.Create(vocabulary, options, summary);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Corrupt tokenizer: the stream ends before the tokenizer does.", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("Corrupt tokenizer: a string is not valid UTF-8.", e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException && e is not InvalidDataException)
        {
            throw new InvalidDataException($"Corrupt tokenizer: {e.Message}", e);
        }
    }

    /// <summary>Reads a tokenizer from a file written by <see cref="Save(string)"/>.</summary>
    public static Tokenizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Load(stream);
    }
}
