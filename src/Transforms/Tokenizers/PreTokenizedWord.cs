// One word produced by BERT basic tokenisation: its normalised text and where it came from in the
// original text. Offsets index the ORIGINAL string even when normalisation changed lengths.
namespace MlNetAttention.Tokenizers;

/// <summary>A normalised word and its range in the original text.</summary>
/// <param name="Text">The word after clean-up, lower-casing and accent stripping.</param>
/// <param name="Offset">Range of the original text the word came from.</param>
public readonly record struct PreTokenizedWord(string Text, Range Offset);
