// The text methods of MLContext.Transforms.Text, as ML.NET's TextCatalog: TokenizeIntoWordPieces,
// which learns a WordPiece vocabulary in Fit (Options overload) or uses a ready tokenizer (Tokenizer
// overload), and outputs a variable-length vector of token ids saved and loaded with the model.
// Extension methods, so that this assembly extends the Data layer's catalog.
using MlNetAttention.Tokenizers;
using MlNetAttention.Transforms.Text;

namespace MlNetAttention;

/// <summary>Text transforms.</summary>
public static class TextCatalog
{
    /// <summary>Tokenizes <paramref name="inputColumnName"/> (default: the output name) into WordPiece token
    /// ids, learning the vocabulary from that column in Fit. The output is a vector of keys (token id + 1,
    /// tokens as KeyValues) unless <see cref="WordPieceTokenizerEstimator.Options.OutputKind"/> asks for Int32 ids;
    /// empty text gives an empty vector.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The column of token ids.</param>
    /// <param name="inputColumnName">The text column; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="options">Vocabulary learning, normalisation, truncation, special tokens and output kind;
    /// defaults when null.</param>
    public static WordPieceTokenizerEstimator TokenizeIntoWordPieces(this TransformsCatalog.TextTransforms catalog,
        string outputColumnName, string? inputColumnName = null, WordPieceTokenizerEstimator.Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new WordPieceTokenizerEstimator(catalog.Context, outputColumnName, inputColumnName, options);
    }

    /// <summary>Tokenizes <paramref name="inputColumnName"/> (default: the output name) into token ids with
    /// <paramref name="tokenizer"/> as it is (no learning; Fit reads no data). The tokenizer is saved with the model.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The column of token ids.</param>
    /// <param name="tokenizer">A trained or loaded WordPiece (or word-level) tokenizer.</param>
    /// <param name="inputColumnName">The text column; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumTokens">Most ids per row, special tokens included; 0 = no limit.</param>
    /// <param name="addSpecialTokens">Surround each row's ids with [CLS] ... [SEP].</param>
    /// <param name="outputKind">Keys over the vocabulary (default) or raw Int32 ids.</param>
    public static WordPieceTokenizerEstimator TokenizeIntoWordPieces(this TransformsCatalog.TextTransforms catalog,
        string outputColumnName, Tokenizer tokenizer, string? inputColumnName = null,
        int maximumTokens = WordPieceTokenizerEstimator.Defaults.MaximumTokens,
        bool addSpecialTokens = WordPieceTokenizerEstimator.Defaults.AddSpecialTokens,
        WordPieceTokenizerEstimator.OutputKind outputKind = WordPieceTokenizerEstimator.Defaults.Kind)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new WordPieceTokenizerEstimator(catalog.Context, outputColumnName, tokenizer, inputColumnName, maximumTokens,
            addSpecialTokens, outputKind);
    }
}
