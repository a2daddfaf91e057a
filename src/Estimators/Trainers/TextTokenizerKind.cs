// Which vocabulary the trainer learns from the training text: WordPiece sub-words (the default; rare
// words are spelled out in pieces, so few tokens become [UNK]) or whole words (a smaller model input
// on small data, more [UNK]s). Both run BERT's basic tokenisation first (MlNetAttention.Tokenizers).
using System.Text.Json.Serialization;

namespace MlNetAttention.Trainers;

/// <summary>The tokenizer whose vocabulary <c>Fit</c> learns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextTokenizerKind>))]
public enum TextTokenizerKind
{
    /// <summary>WordPiece (Schuster &amp; Nakajima 2012; BERT): frequent words whole, rare ones in pieces.</summary>
    WordPiece,

    /// <summary>One token per word; words outside the learned vocabulary become [UNK].</summary>
    Word,
}
