// The hot loop of BERT basic tokenisation: walks the original text once and yields normalised words,
// each with the original [start, end) of every normalised character. It stores at most
// MaxInputCharsPerWord characters of a word (longer words only need to be known as "too long"), so
// memory is bounded by the caller's scratch whatever the input (a 10 MB string without spaces).
// Order of operations follows BERT: drop control characters, whitespace splits, CJK ideographs are
// isolated (judged on the original character), then lower-case + accent stripping, then punctuation
// (judged on the normalised character) is split off. A dropped character inside a word (a stripped
// accent, a zero-width joiner) extends the original range of the character before it, so offsets of
// "e\u0301" cover both code units.
// Constraints: ref struct over caller-provided scratch; no allocation; ASCII takes a table fast path.
using System.Diagnostics;

namespace MlNetAttention.Tokenizers;

/// <summary>Enumerates the normalised words of a text together with their original offsets.</summary>
internal ref struct WordReader
{
    private static readonly BertCharacterClass[] s_ascii = BuildAsciiTable();

    private readonly ReadOnlySpan<char> _text;
    private readonly Span<char> _chars;   // (capacity) normalised characters of the current word
    private readonly Span<int> _starts;   // (capacity) original start of each normalised character
    private readonly Span<int> _ends;     // (capacity) original end (exclusive) of each normalised character
    private readonly BertCharacterMapper _mapper;
    private readonly bool _lowerCase;
    private readonly bool _isolateCjk;
    private int _position;

    /// <summary>Number of stored normalised characters of the current word.</summary>
    public int Length;
    /// <summary>True when the normalised word is longer than the scratch capacity (the encoder passes
    /// MaxInputCharsPerWord); then only the first capacity characters are stored.</summary>
    public bool IsTooLong;
    /// <summary>Original start of the current word.</summary>
    public int Start;
    /// <summary>Original end (exclusive) of the current word.</summary>
    public int End;

    public WordReader(ReadOnlySpan<char> text, BertPreTokenizer preTokenizer, Span<char> chars, Span<int> starts, Span<int> ends)
    {
        Debug.Assert(chars.Length > 0 && starts.Length >= chars.Length && ends.Length >= chars.Length);
        _text = text;
        _chars = chars;
        _starts = starts;
        _ends = ends;
        _mapper = preTokenizer.Mapper;
        _lowerCase = preTokenizer.LowerCaseBeforeTokenization;
        _isolateCjk = preTokenizer.IndividuallyTokenizeCjk;
        _position = 0;
        Length = 0; IsTooLong = false; Start = 0; End = 0;
    }

    /// <summary>The current word's normalised characters (meaningless when <see cref="IsTooLong"/>).</summary>
    public readonly ReadOnlySpan<char> Chars => _chars[..Length];
    /// <summary>Original start of each character of <see cref="Chars"/>.</summary>
    public readonly ReadOnlySpan<int> Starts => _starts[..Length];
    /// <summary>Original end (exclusive) of each character of <see cref="Chars"/>.</summary>
    public readonly ReadOnlySpan<int> Ends => _ends[..Length];

    private readonly bool HasWord => Length > 0 || IsTooLong;

    /// <summary>Advances to the next word; false at the end of the text.</summary>
    public bool MoveNext()
    {
        Length = 0;
        IsTooLong = false;
        var text = _text;
        while (_position < text.Length)
        {
            int i = _position;
            char c = text[i];
            if (c < 0x80)
            {
                switch (s_ascii[c])
                {
                    case BertCharacterClass.Word:
                        if (_lowerCase && (uint)(c - 'A') <= 'Z' - 'A') c = (char)(c | 0x20);
                        Append(c, i, i + 1);
                        _position = i + 1;
                        continue;
                    case BertCharacterClass.Whitespace:
                        _position = i + 1;
                        if (HasWord) return true;
                        continue;
                    case BertCharacterClass.Drop:
                        _position = i + 1;
                        ExtendEnd(i + 1);
                        continue;
                    default: // punctuation: a word of its own
                        if (HasWord) return true;
                        Append(c, i, i + 1);
                        _position = i + 1;
                        return true;
                }
            }

            int codePoint = c, width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                width = 2;
            }
            var cls = width == 1 ? BertCharacterClassifier.Classify(c) : BertCharacterClassifier.Classify(codePoint);
            switch (cls)
            {
                case BertCharacterClass.Whitespace:
                    _position = i + width;
                    if (HasWord) return true;
                    continue;
                case BertCharacterClass.Drop:
                    _position = i + width;
                    ExtendEnd(i + width);
                    continue;
            }

            var mapped = _mapper.Map(codePoint);
            if (mapped.Text.Length == 0)
            {
                _position = i + width;
                ExtendEnd(i + width);
                continue;
            }
            if (mapped.IsPunctuation || (cls == BertCharacterClass.Cjk && _isolateCjk))
            {
                if (HasWord) return true;
                Append(mapped.Text, i, i + width);
                _position = i + width;
                return true;
            }
            Append(mapped.Text, i, i + width);
            _position = i + width;
        }
        return HasWord;
    }

    private void Append(char c, int start, int end)
    {
        if (!HasWord) Start = start;
        End = end;
        if (Length < _chars.Length)
        {
            _chars[Length] = c;
            _starts[Length] = start;
            _ends[Length] = end;
            Length++;
        }
        else
        {
            IsTooLong = true;
        }
    }

    private void Append(string normalized, int start, int end)
    {
        foreach (char c in normalized) Append(c, start, end);
    }

    /// <summary>A dropped character inside a word belongs to the character before it.</summary>
    private void ExtendEnd(int end)
    {
        if (!HasWord) return;
        End = end;
        if (Length > 0) _ends[Length - 1] = end;
    }

    private static BertCharacterClass[] BuildAsciiTable()
    {
        var table = new BertCharacterClass[0x80];
        for (int c = 0; c < table.Length; c++) table[c] = BertCharacterClassifier.Classify((char)c);
        return table;
    }
}
