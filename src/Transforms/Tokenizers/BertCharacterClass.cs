// BERT's character classes for basic tokenisation (Devlin et al. 2019, tokenization.py in
// google-research/bert, re-derived from its description): what is dropped, what separates words,
// what is split off as punctuation and what is a CJK ideograph. A 64 KiB table answers the Basic
// Multilingual Plane in one load; supplementary code points (emoji, CJK extensions) are computed.
// Constraints: BERT's definitions, not the Unicode standard's: ASCII symbols such as $ + < = > ^ ` | ~
// count as punctuation; \t \n \r are whitespace, not control; U+2028/U+2029 are whitespace because
// BERT's final split (Python's str.split) breaks on them. Lone surrogates are category Cs, i.e.
// "control", so they are dropped, never thrown on.
using System.Globalization;

namespace MlNetAttention.Tokenizers;

/// <summary>How basic tokenisation treats one character.</summary>
internal enum BertCharacterClass : byte
{
    /// <summary>Part of a word.</summary>
    Word = 0,
    /// <summary>Removed: NUL, U+FFFD, control/format/unassigned/private-use characters, lone surrogates.</summary>
    Drop = 1,
    /// <summary>Separates words and is not kept.</summary>
    Whitespace = 2,
    /// <summary>Always a word of its own.</summary>
    Punctuation = 3,
    /// <summary>A CJK ideograph: a word of its own when <see cref="TokenizerOptions.IndividuallyTokenizeCjk"/>.</summary>
    Cjk = 4,
}

/// <summary>Classifies code points the way BERT's basic tokenizer does.</summary>
internal static class BertCharacterClassifier
{
    private static readonly BertCharacterClass[] s_bmp = BuildBmpTable();

    /// <summary>Class of a UTF-16 code unit; a surrogate code unit on its own is <see cref="BertCharacterClass.Drop"/>.</summary>
    public static BertCharacterClass Classify(char c) => s_bmp[c];

    /// <summary>Class of a code point.</summary>
    public static BertCharacterClass Classify(int codePoint) =>
        codePoint < 0x10000 ? s_bmp[codePoint] : ClassifyUncached(codePoint);

    private static BertCharacterClass[] BuildBmpTable()
    {
        var table = new BertCharacterClass[0x10000];
        for (int c = 0; c < table.Length; c++) table[c] = ClassifyUncached(c);
        return table;
    }

    private static BertCharacterClass ClassifyUncached(int codePoint)
    {
        if (codePoint == 0 || codePoint == 0xFFFD) return BertCharacterClass.Drop;
        if (codePoint is '\t' or '\n' or '\r' or ' ') return BertCharacterClass.Whitespace;
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        switch (category)
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
                return BertCharacterClass.Drop;
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
                return BertCharacterClass.Whitespace;
        }
        if (IsCjkIdeograph(codePoint)) return BertCharacterClass.Cjk;
        if (IsPunctuation(codePoint, category)) return BertCharacterClass.Punctuation;
        return BertCharacterClass.Word;
    }

    /// <summary>BERT's CJK Unified Ideographs blocks (not kana or Hangul, which are written with
    /// spaces or are syllabic and are left to WordPiece).</summary>
    public static bool IsCjkIdeograph(int cp) =>
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F) ||
        (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);

    /// <summary>BERT's punctuation: all non-alphanumeric ASCII, plus Unicode categories P*.</summary>
    public static bool IsPunctuation(int cp) => IsPunctuation(cp, CharUnicodeInfo.GetUnicodeCategory(cp));

    private static bool IsPunctuation(int cp, UnicodeCategory category)
    {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126))
            return true;
        return category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }
}
