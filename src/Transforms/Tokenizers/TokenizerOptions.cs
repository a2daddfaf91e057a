// Options shared by every tokenizer in this namespace: BERT's "basic tokenization" switches and the
// special tokens. Mirrors Microsoft.ML.Tokenizers' BertOptions (LowerCaseBeforeTokenization,
// RemoveNonSpacingMarks, IndividuallyTokenizeCjk, UnknownToken, ..., MaxInputCharsPerWord) so code
// written against that package ports by renaming the namespace.
// Constraints: options are copied into the tokenizer when it is built (later edits do not leak into
// a built tokenizer) and every option is saved with the tokenizer (see TokenizerSerializer).
namespace MlNetAttention.Tokenizers;

/// <summary>Normalisation, pre-tokenisation and special-token options shared by all tokenizers.</summary>
public class TokenizerOptions
{
    /// <summary>Default values, as in BERT's uncased checkpoints (Devlin et al. 2019).</summary>
    public static class Defaults
    {
        public const bool LowerCaseBeforeTokenization = true;
        public const bool RemoveNonSpacingMarks = true;
        public const bool IndividuallyTokenizeCjk = true;
        public const int MaxInputCharsPerWord = 100;
        public const string UnknownToken = "[UNK]";
        public const string PaddingToken = "[PAD]";
        public const string ClassificationToken = "[CLS]";
        public const string SeparatorToken = "[SEP]";
        public const string MaskingToken = "[MASK]";
    }

    /// <summary>Lower-case the text (invariant culture) before splitting it. BERT "uncased".</summary>
    public bool LowerCaseBeforeTokenization { get; set; } = Defaults.LowerCaseBeforeTokenization;

    /// <summary>Strip accents: canonical decomposition (NFD) then removal of non-spacing marks (Mn).</summary>
    public bool RemoveNonSpacingMarks { get; set; } = Defaults.RemoveNonSpacingMarks;

    /// <summary>Make every CJK ideograph its own word, so Chinese and Japanese text needs no spaces.</summary>
    public bool IndividuallyTokenizeCjk { get; set; } = Defaults.IndividuallyTokenizeCjk;

    /// <summary>A word whose normalised form is longer than this (UTF-16 code units) becomes one unknown token.</summary>
    public int MaxInputCharsPerWord { get; set; } = Defaults.MaxInputCharsPerWord;

    /// <summary>Token for words the vocabulary cannot represent.</summary>
    public string UnknownToken { get; set; } = Defaults.UnknownToken;

    /// <summary>Token used to pad a batch to a common length.</summary>
    public string PaddingToken { get; set; } = Defaults.PaddingToken;

    /// <summary>Token put first in a model input; its state summarises the sequence.</summary>
    public string ClassificationToken { get; set; } = Defaults.ClassificationToken;

    /// <summary>Token that ends each sentence of a model input.</summary>
    public string SeparatorToken { get; set; } = Defaults.SeparatorToken;

    /// <summary>Token for masked-language-model pre-training; reserved in every vocabulary.</summary>
    public string MaskingToken { get; set; } = Defaults.MaskingToken;

    /// <summary>The special tokens in the order a learned vocabulary numbers them (ids 0..4).</summary>
    internal string[] SpecialTokensInIdOrder() =>
        [PaddingToken, UnknownToken, ClassificationToken, SeparatorToken, MaskingToken];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad option.</summary>
    internal virtual void Validate(string parameterName)
    {
        if (MaxInputCharsPerWord < 1 || MaxInputCharsPerWord > Tokenizer.MaxMaxInputCharsPerWord)
            throw new ArgumentOutOfRangeException(parameterName,
                $"{nameof(MaxInputCharsPerWord)} must be in [1, {Tokenizer.MaxMaxInputCharsPerWord}]; got {MaxInputCharsPerWord}.");
        var specials = SpecialTokensInIdOrder();
        string[] names = [nameof(PaddingToken), nameof(UnknownToken), nameof(ClassificationToken),
                          nameof(SeparatorToken), nameof(MaskingToken)];
        for (int i = 0; i < specials.Length; i++)
        {
            if (string.IsNullOrEmpty(specials[i]))
                throw new ArgumentException($"{names[i]} must be a non-empty string; got '{specials[i]}'.", parameterName);
            if (specials[i].AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw new ArgumentException($"{names[i]} must not contain a line break (vocab.txt is one token per line); got '{specials[i]}'.", parameterName);
            for (int j = 0; j < i; j++)
                if (specials[i] == specials[j])
                    throw new ArgumentException($"{names[i]} and {names[j]} must differ; both are '{specials[i]}'.", parameterName);
        }
    }

    /// <summary>Copies the shared options into <paramref name="target"/>.</summary>
    internal void CopyTo(TokenizerOptions target)
    {
        target.LowerCaseBeforeTokenization = LowerCaseBeforeTokenization;
        target.RemoveNonSpacingMarks = RemoveNonSpacingMarks;
        target.IndividuallyTokenizeCjk = IndividuallyTokenizeCjk;
        target.MaxInputCharsPerWord = MaxInputCharsPerWord;
        target.UnknownToken = UnknownToken;
        target.PaddingToken = PaddingToken;
        target.ClassificationToken = ClassificationToken;
        target.SeparatorToken = SeparatorToken;
        target.MaskingToken = MaskingToken;
    }

    /// <summary>A copy of these options.</summary>
    public virtual TokenizerOptions Clone()
    {
        var copy = new TokenizerOptions();
        CopyTo(copy);
        return copy;
    }
}
