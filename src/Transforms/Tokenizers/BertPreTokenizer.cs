// BERT's "basic tokenization" (Devlin et al. 2019) as a reusable object: Unicode clean-up, optional
// lower-casing and accent stripping, splitting on whitespace and punctuation, and every CJK ideograph
// its own word. The encoders run the same code through WordReader without allocating; this class
// adds the allocating conveniences (PreTokenize, Normalize) used for inspection, tests and Decode
// round trips.
namespace MlNetAttention.Tokenizers;

/// <summary>Normaliser and pre-tokeniser of BERT's basic tokenisation.</summary>
public sealed class BertPreTokenizer
{
    /// <summary>Creates a pre-tokeniser.</summary>
    public BertPreTokenizer(
        bool lowerCaseBeforeTokenization = TokenizerOptions.Defaults.LowerCaseBeforeTokenization,
        bool removeNonSpacingMarks = TokenizerOptions.Defaults.RemoveNonSpacingMarks,
        bool individuallyTokenizeCjk = TokenizerOptions.Defaults.IndividuallyTokenizeCjk)
    {
        LowerCaseBeforeTokenization = lowerCaseBeforeTokenization;
        RemoveNonSpacingMarks = removeNonSpacingMarks;
        IndividuallyTokenizeCjk = individuallyTokenizeCjk;
        Mapper = BertCharacterMapper.Get(lowerCaseBeforeTokenization, removeNonSpacingMarks);
    }

    internal BertPreTokenizer(TokenizerOptions options)
        : this(options.LowerCaseBeforeTokenization, options.RemoveNonSpacingMarks, options.IndividuallyTokenizeCjk)
    {
    }

    /// <summary>Whether text is lower-cased.</summary>
    public bool LowerCaseBeforeTokenization { get; }

    /// <summary>Whether accents are stripped (NFD, then non-spacing marks removed).</summary>
    public bool RemoveNonSpacingMarks { get; }

    /// <summary>Whether every CJK ideograph is a word of its own.</summary>
    public bool IndividuallyTokenizeCjk { get; }

    internal BertCharacterMapper Mapper { get; }

    /// <summary>Splits <paramref name="text"/> into normalised words with their original offsets.
    /// Null or empty text gives no words.</summary>
    public IReadOnlyList<PreTokenizedWord> PreTokenize(string? text)
    {
        var words = new List<PreTokenizedWord>();
        if (string.IsNullOrEmpty(text)) return words;
        // One original UTF-16 unit normalises to at most 3 (a Hangul syllable's jamo; U+1D160's
        // three supplementary characters from two units), so 3 * length + 1 never truncates a word.
        int capacity = checked(3 * text.Length + 1);
        var chars = new char[capacity];
        var starts = new int[capacity];
        var ends = new int[capacity];
        var reader = new WordReader(text, this, chars, starts, ends);
        while (reader.MoveNext())
            words.Add(new PreTokenizedWord(new string(reader.Chars), reader.Start..reader.End));
        return words;
    }

    /// <summary>The normalised words of <paramref name="text"/> joined by single spaces: what
    /// decoding the encoded text gives when no word became unknown.</summary>
    public string Normalize(string? text) => string.Join(' ', PreTokenize(text).Select(w => w.Text));
}
