// Counts and categorises the texts on which our encoder and a Microsoft.ML.Tokenizers tokenizer give
// different id sequences. A difference is put in ONE category, judged on the original characters
// around the first id where the two disagree (from the start of our token before it to the end of our
// token after it); categories are checked in the order below, so each names the most likely cause.
using System.Globalization;
using System.Text;
using MlNetAttention.Tokenizers;
using Ml = Microsoft.ML.Tokenizers;

namespace MlNetAttention.Bench;

internal sealed class TokenizerDifferences
{
    private readonly Dictionary<string, (int Count, string Example)> _categories = [];
    public int DifferentTexts { get; private set; }
    public long TokensOurs { get; private set; }
    public long TokensTheirs { get; private set; }

    public IEnumerable<(string Category, int Count, string Example)> Categories() =>
        _categories.OrderByDescending(c => c.Value.Count).Select(c => (c.Key, c.Value.Count, c.Value.Example));

    public static TokenizerDifferences Compare(Tokenizer ours, Ml.Tokenizer theirs, IEnumerable<string> texts)
    {
        var result = new TokenizerDifferences();
        foreach (string text in texts)
        {
            var a = ours.EncodeToIds(text);
            var b = theirs.EncodeToIds(text);
            result.TokensOurs += a.Count;
            result.TokensTheirs += b.Count;
            int k = 0;
            while (k < a.Count && k < b.Count && a[k] == b[k]) k++;
            if (k == a.Count && k == b.Count) continue;
            result.DifferentTexts++;
            var tokens = ours.EncodeToTokens(text);
            int from = k == 0 ? 0 : tokens[Math.Min(k, tokens.Count) - 1].Offset.Start.Value;
            int to = k + 1 < tokens.Count ? tokens[k + 1].Offset.End.Value : text.Length;
            string region = text[from..Math.Max(from, to)];
            string category = Categorise(region);
            string example = $"\"{Escape(region)}\": ours [{string.Join(" ", a.Skip(k).Take(3).Select(ours.MapIdToToken))}] " +
                             $"theirs [{string.Join(" ", b.Skip(k).Take(3).Select(ours.MapIdToToken))}]";
            result._categories[category] = result._categories.TryGetValue(category, out var seen)
                ? (seen.Count + 1, seen.Example)
                : (1, example);
        }
        return result;
    }

    private static string Categorise(string region)
    {
        var runes = region.EnumerateRunes().ToList();
        if (runes.Any(r => r.Value is '\t' or '\n' or '\r'))
            return "tab/line break: ML's BertNormalizer deletes \\t \\n \\r as control characters, gluing the words on each side";
        if (runes.Any(r => r.IsAscii && "$+<=>^`|~".Contains((char)r.Value)))
            return "ASCII symbol $+<=>^`|~: ML's pre-tokenizer (\\w+|\\p{P}) drops it; BERT and ours keep it as punctuation";
        if (runes.Any(r => IsDroppedByRegex(r)))
            return "non-ASCII symbol/number (S*, No, Nl, Mc, Me): ML's pre-tokenizer drops it; ours keeps it in the word";
        if (runes.Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.ConnectorPunctuation))
            return "connector '_': part of a word for ML (\\w), punctuation for BERT and ours";
        if (runes.Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.Format))
            return "format character (ZWJ, soft hyphen, BOM): ours deletes it, ML splits the word there";
        if (runes.Any(r => Rune.GetUnicodeCategory(r) != UnicodeCategory.UppercaseLetter && Rune.ToLowerInvariant(r) != r))
            return "case: ML lower-cases only category Lu";
        if (runes.Any(r => !r.IsAscii))
            return "other non-ASCII (Unicode normalisation: ML applies NFD then NFC to the whole text)";
        return "other";
    }

    private static bool IsDroppedByRegex(Rune r)
    {
        var c = Rune.GetUnicodeCategory(r);
        return c is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol or UnicodeCategory.OtherNumber or UnicodeCategory.LetterNumber
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned;
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 60 ? s[..60] : s)
            sb.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ when char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format => $"\\u{(int)c:X4}", _ => c.ToString() });
        return sb.ToString();
    }
}
