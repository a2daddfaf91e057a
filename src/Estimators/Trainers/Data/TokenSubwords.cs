// The token texts the n-gram bag's subword rows hash (Neural's SubwordRows), with the word-boundary
// markers only the tokenizer can tell:
//   WordPiece  a word-initial piece "play" → "<play"; a continuing piece "##ing" → "ing". Whether a
//              piece ends its word is not a property of the piece ("play" may start "playing"), so there
//              is no ">"; a whole word still gets its prefixes and inner n-grams.
//   Word       every token is a whole word: "<word>", exactly fastText's subwords.
// Special tokens ([PAD], [UNK], [CLS], [SEP], [MASK]) have no text to share, hence no rows; a word
// dropped to [UNK] therefore loses its subword rows too. The rows are a pure function of the
// vocabulary and the options, so training and a loaded model build the same table.
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

internal static class TokenSubwords
{
    /// <summary>The subword rows of <paramref name="tokenizer"/>'s vocabulary for <paramref name="config"/>,
    /// or null when its n-gram bag has none.</summary>
    public static SubwordRows? For(Tokenizer tokenizer, EncoderClassifierConfig config) =>
        config.UsesSubwords
            ? SubwordRows.Build(Texts(tokenizer), config.SubwordMinimumLength, config.SubwordMaximumLength, config.NgramBuckets)
            : null;

    /// <summary>Each token's text with its boundary markers, in id order; null for special tokens.</summary>
    public static string?[] Texts(Tokenizer tokenizer)
    {
        var texts = new string?[tokenizer.VocabularySize];
        string? continuation = (tokenizer as WordPieceTokenizer)?.ContinuingSubwordPrefix;
        for (int id = 0; id < texts.Length; id++)
        {
            if (tokenizer.IsSpecialToken(id)) continue;
            string token = tokenizer.Tokens[id];
            texts[id] = continuation is null ? "<" + token + ">"
                : continuation.Length > 0 && token.StartsWith(continuation, StringComparison.Ordinal) ? token[continuation.Length..]
                : "<" + token;
        }
        return texts;
    }
}
