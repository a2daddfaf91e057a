// Which characters start a learned WordPiece vocabulary, and therefore which words encode to [UNK].
// A character has two forms: word-initial ("é") and continuation ("##é"); each form is kept or not on
// its own frequency (occurrences weighted by word count). A form is left out when it is rarer than
// MinimumFrequency or does not fit the vocabulary (most frequent kept). Then, so that [UNK] is a token
// the model actually sees in training, the rarest kept forms are left out one by one until the words
// that contain a left-out form (plus the too-long words) reach MinimumUnknownShare of all word
// occurrences. Rare characters are what produces [UNK] at test time too (unseen scripts, symbols,
// emoji), so this trains [UNK] on the same kind of material.
// Exactness: with every kept form a vocabulary entry, greedy longest match succeeds on a word iff
// all its forms are kept (a single character always matches, and no piece contains a left-out form),
// so the [UNK] count computed here is exactly what encoding the training corpus gives.
using System.Text;

namespace MlNetAttention.Tokenizers;

/// <summary>The kept character forms of a WordPiece vocabulary and the words they leave unknown.</summary>
internal sealed class WordPieceAlphabet
{
    /// <summary>Kept forms, sorted: initial forms by code point, then continuation forms by code point.</summary>
    public required int[] KeptForms { get; init; }
    /// <summary>Per word of the counts: true when it contains a left-out form (it encodes to [UNK]).</summary>
    public required bool[] IsUnknownWord { get; init; }
    /// <summary>[UNK] occurrences in the encoded corpus (too-long words included).</summary>
    public long UnknownOccurrences { get; init; }

    /// <summary>Packs a character form into one int: code point * 2 + (1 for continuation).</summary>
    public static int Form(int codePoint, bool continuation) => codePoint * 2 + (continuation ? 1 : 0);
    public static int CodePoint(int form) => form >> 1;
    public static bool IsContinuation(int form) => (form & 1) != 0;

    public static WordPieceAlphabet Select(WordCounts counts, TokenizerTrainingOptions training, int specialTokenCount)
    {
        // Frequency of each form, and the words that contain it.
        var frequency = new Dictionary<int, long>();
        var wordsWithForm = new Dictionary<int, List<int>>();
        for (int w = 0; w < counts.Words.Length; w++)
        {
            int position = 0;
            foreach (var rune in counts.Words[w].EnumerateRunes())
            {
                int form = Form(rune.Value, position++ > 0);
                frequency[form] = frequency.GetValueOrDefault(form) + counts.Counts[w];
                if (!wordsWithForm.TryGetValue(form, out var list)) wordsWithForm[form] = list = [];
                if (list.Count == 0 || list[^1] != w) list.Add(w);
            }
        }

        // Most frequent first; ties by form value for determinism.
        var byFrequency = frequency.Keys.ToList();
        byFrequency.Sort((x, y) => frequency[x] != frequency[y] ? frequency[y].CompareTo(frequency[x]) : x.CompareTo(y));
        int capacity = training.VocabularySize - specialTokenCount;
        int keptCount = 0;
        while (keptCount < byFrequency.Count && keptCount < capacity && frequency[byFrequency[keptCount]] >= training.MinimumFrequency)
            keptCount++;

        var isUnknown = new bool[counts.Words.Length];
        long unknown = counts.TooLongWordOccurrences;
        void LeaveOut(int form)
        {
            foreach (int w in wordsWithForm[form])
            {
                if (isUnknown[w]) continue;
                isUnknown[w] = true;
                unknown += counts.Counts[w];
            }
        }
        for (int i = keptCount; i < byFrequency.Count; i++) LeaveOut(byFrequency[i]);
        long required = training.RequiredUnknownOccurrences(counts.WordOccurrences);
        while (unknown < required && keptCount > 0) LeaveOut(byFrequency[--keptCount]);

        var kept = byFrequency.Take(keptCount).ToArray();
        Array.Sort(kept, (x, y) => IsContinuation(x) != IsContinuation(y) ? IsContinuation(x).CompareTo(IsContinuation(y)) : x.CompareTo(y));
        return new WordPieceAlphabet { KeptForms = kept, IsUnknownWord = isUnknown, UnknownOccurrences = unknown };
    }

    /// <summary>The vocabulary string of a form: the character, prefixed for a continuation.</summary>
    public static string FormToString(int form, string continuationPrefix)
    {
        string character = new Rune(CodePoint(form)).ToString();
        return IsContinuation(form) ? continuationPrefix + character : character;
    }
}
