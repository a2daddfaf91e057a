// Microsoft.ML.Tokenizers 3.0.0 tokenizers built from one of OUR tokenizers' learned vocabularies, in
// memory (vocab.txt written to a MemoryStream), with options matching ours. Two configurations:
//   BertAsShipped: BertTokenizer with its own basic tokenisation (BertNormalizer + the regex
//     pre-tokenizer \w+|\p{P}); SplitOnSpecialTokens off, as our encoders never read "[CLS]" typed
//     in the text as a special token.
//   WordPieceBehindOurs: WordPieceTokenizer whose Normalizer is our BERT basic tokenisation (words
//     joined by single spaces) and whose pre-tokenizer splits on whitespace: the same words as ours
//     reach Microsoft's greedy longest-match loop, so ids must equal ours.
// A whole-word vocabulary works in both: it has no "##" entries, so a word either is an entry or
// fails at its first continuation and becomes [UNK], which is exactly our word tokenizer's rule.
using System.Text;
using MlNetAttention.Tokenizers;
using Ml = Microsoft.ML.Tokenizers;

namespace MlNetAttention.Bench;

internal static class MicrosoftTokenizers
{
    public static Ml.BertTokenizer BertAsShipped(Tokenizer ours)
    {
        using var vocabulary = VocabularyStream(ours);
        return Ml.BertTokenizer.Create(vocabulary, new Ml.BertOptions
        {
            LowerCaseBeforeTokenization = ours.PreTokenizer.LowerCaseBeforeTokenization,
            RemoveNonSpacingMarks = ours.PreTokenizer.RemoveNonSpacingMarks,
            IndividuallyTokenizeCjk = ours.PreTokenizer.IndividuallyTokenizeCjk,
            ApplyBasicTokenization = true,
            SplitOnSpecialTokens = false,
            UnknownToken = ours.UnknownToken,
            PaddingToken = ours.PaddingToken,
            ClassificationToken = ours.ClassificationToken,
            SeparatorToken = ours.SeparatorToken,
            MaskingToken = ours.MaskingToken,
            ContinuingSubwordPrefix = ContinuingSubwordPrefix(ours),
            MaxInputCharsPerWord = ours.MaxInputCharsPerWord,
        });
    }

    public static Ml.WordPieceTokenizer WordPieceBehindOurs(Tokenizer ours)
    {
        using var vocabulary = VocabularyStream(ours);
        return Ml.WordPieceTokenizer.Create(vocabulary, new Ml.WordPieceOptions
        {
            Normalizer = new OurBasicTokenisation(ours.PreTokenizer),
            PreTokenizer = Ml.PreTokenizer.CreateWhiteSpace(),
            UnknownToken = ours.UnknownToken,
            ContinuingSubwordPrefix = ContinuingSubwordPrefix(ours),
            MaxInputCharsPerWord = ours.MaxInputCharsPerWord,
        });
    }

    private static string ContinuingSubwordPrefix(Tokenizer ours) =>
        ours is WordPieceTokenizer wordPiece ? wordPiece.ContinuingSubwordPrefix : WordPieceOptions.DefaultContinuingSubwordPrefix;

    private static MemoryStream VocabularyStream(Tokenizer ours)
    {
        var stream = new MemoryStream();
        ours.SaveVocabulary(stream);
        stream.Position = 0;
        return stream;
    }

    /// <summary>Our BERT basic tokenisation as a Microsoft.ML.Tokenizers normaliser: the normalised
    /// words joined by single spaces.</summary>
    private sealed class OurBasicTokenisation(BertPreTokenizer preTokenizer) : Ml.Normalizer
    {
        public override string Normalize(string original) => Normalize(original.AsSpan());

        public override string Normalize(ReadOnlySpan<char> original)
        {
            // 3 normalised units per original unit at most (see BertPreTokenizer.PreTokenize), so no word is cut.
            int capacity = 3 * original.Length + 1;
            var chars = new char[capacity];
            var offsets = new int[2 * capacity];
            var reader = new WordReader(original, preTokenizer, chars, offsets.AsSpan(0, capacity), offsets.AsSpan(capacity));
            var text = new StringBuilder(original.Length + 16);
            while (reader.MoveNext())
            {
                if (text.Length > 0) text.Append(' ');
                text.Append(reader.Chars);
            }
            return text.ToString();
        }
    }
}
