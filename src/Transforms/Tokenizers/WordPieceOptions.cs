// Options of the WordPiece tokenizer: the shared BERT basic-tokenisation options plus the
// continuation prefix that marks a piece which continues a word ("##" in BERT's vocab.txt).
namespace MlNetAttention.Tokenizers;

/// <summary>Options of <see cref="WordPieceTokenizer"/>.</summary>
public sealed class WordPieceOptions : TokenizerOptions
{
    /// <summary>Default prefix of word-continuing pieces, as in BERT's vocab.txt.</summary>
    public const string DefaultContinuingSubwordPrefix = "##";

    /// <summary>Prefix of pieces that continue a word: "un ##aff ##able".</summary>
    public string ContinuingSubwordPrefix { get; set; } = DefaultContinuingSubwordPrefix;

    internal override void Validate(string parameterName)
    {
        base.Validate(parameterName);
        if (string.IsNullOrEmpty(ContinuingSubwordPrefix))
            throw new ArgumentException(
                $"{nameof(ContinuingSubwordPrefix)} must be a non-empty string; got '{ContinuingSubwordPrefix}'.", parameterName);
        if (ContinuingSubwordPrefix.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new ArgumentException(
                $"{nameof(ContinuingSubwordPrefix)} must not contain a line break; got '{ContinuingSubwordPrefix}'.", parameterName);
    }

    /// <inheritdoc/>
    public override TokenizerOptions Clone() => CloneWordPiece();

    internal WordPieceOptions CloneWordPiece()
    {
        var copy = new WordPieceOptions { ContinuingSubwordPrefix = ContinuingSubwordPrefix };
        CopyTo(copy);
        return copy;
    }
}
