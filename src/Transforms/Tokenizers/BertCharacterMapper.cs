// Per-character normalisation of BERT's basic tokenizer for non-ASCII text: lower-casing, then accent
// stripping as NFD decomposition followed by removal of non-spacing marks (Mn). Results are cached
// per code point (a lazily filled array for the BMP, a concurrent dictionary above it) so the hot
// loop pays one array load per character after the first sighting.
// Why per character and not per word: every output character must remember which original
// character produced it (offsets into the original text). Per-code-point NFD + Mn removal equals
// BERT's per-word NFD + Mn removal because canonical reordering only moves combining marks, and the
// marks are removed; lower-casing uses simple case mappings (.NET invariant) plus U+0130 -> "i\u0307"
// (Python's only unconditional special casing). Known deviation: Python's context-dependent final
// sigma (Σ at a word end -> ς) is not applied; we always give σ.
// Thread-safety: caches hold immutable objects published by single reference writes; two threads
// computing the same entry write equal values, which is benign.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace MlNetAttention.Tokenizers;

/// <summary>What one original character becomes after normalisation.</summary>
internal sealed class MappedCharacter(string text, bool isPunctuation)
{
    /// <summary>Normalised text; empty when the character is removed (a stripped accent).</summary>
    public string Text { get; } = text;

    /// <summary>True when the normalised text is punctuation and so a word of its own. Exhaustive
    /// check over Unicode 14 (all code points, all four option combinations): normalisation never
    /// yields a mix of punctuation and non-punctuation, so one flag per character is exact.</summary>
    public bool IsPunctuation { get; } = isPunctuation;
}

/// <summary>Lower-cases and strips accents one code point at a time, with caches.</summary>
internal sealed class BertCharacterMapper
{
    private static readonly BertCharacterMapper?[] s_instances = new BertCharacterMapper?[4];

    private readonly bool _lowerCase;
    private readonly bool _removeNonSpacingMarks;
    private readonly MappedCharacter?[] _bmp = new MappedCharacter?[0x10000];
    private readonly ConcurrentDictionary<int, MappedCharacter> _supplementary = new();

    private BertCharacterMapper(bool lowerCase, bool removeNonSpacingMarks)
    {
        _lowerCase = lowerCase;
        _removeNonSpacingMarks = removeNonSpacingMarks;
    }

    /// <summary>The shared mapper for one combination of options.</summary>
    public static BertCharacterMapper Get(bool lowerCase, bool removeNonSpacingMarks)
    {
        int slot = (lowerCase ? 2 : 0) + (removeNonSpacingMarks ? 1 : 0);
        var mapper = Volatile.Read(ref s_instances[slot]);
        if (mapper is null)
        {
            Interlocked.CompareExchange(ref s_instances[slot], new BertCharacterMapper(lowerCase, removeNonSpacingMarks), null);
            mapper = s_instances[slot]!;
        }
        return mapper;
    }

    /// <summary>Normalised form of <paramref name="codePoint"/> (a valid scalar value).</summary>
    public MappedCharacter Map(int codePoint)
    {
        if (codePoint < 0x10000)
        {
            var cached = Volatile.Read(ref _bmp[codePoint]);
            if (cached is not null) return cached;
            cached = Compute(codePoint);
            Volatile.Write(ref _bmp[codePoint], cached);
            return cached;
        }
        return _supplementary.GetOrAdd(codePoint, static (cp, self) => self.Compute(cp), this);
    }

    private MappedCharacter Compute(int codePoint)
    {
        string text = char.ConvertFromUtf32(codePoint);
        if (_lowerCase)
            text = codePoint == 0x0130 ? "i\u0307" : new Rune(codePoint).ToString().ToLowerInvariant();
        if (_removeNonSpacingMarks)
        {
            var decomposed = text.Normalize(NormalizationForm.FormD);
            var kept = new StringBuilder(decomposed.Length);
            foreach (var rune in decomposed.EnumerateRunes())
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) kept.Append(rune.ToString());
            text = kept.ToString();
        }
        bool isPunctuation = false;
        foreach (var rune in text.EnumerateRunes())
            isPunctuation |= BertCharacterClassifier.IsPunctuation(rune.Value);
        return new MappedCharacter(text, isPunctuation);
    }
}
