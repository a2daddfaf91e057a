// One encoded token, shaped like Microsoft.ML.Tokenizers' EncodedToken (Id, Value, Offset). Offset is
// a range of the ORIGINAL text (not of the normalised text), so a token can be highlighted in what
// the user wrote, e.g. to show attention weights. Special tokens added around a sequence ([CLS],
// [SEP]) have an empty range at the position where they were inserted.
namespace MlNetAttention.Tokenizers;

/// <summary>An encoded token: vocabulary id, token string and its range in the original text.</summary>
/// <param name="Id">Vocabulary id.</param>
/// <param name="Value">The vocabulary entry, e.g. "##able".</param>
/// <param name="Offset">Range of the original text this token covers.</param>
public readonly record struct EncodedToken(int Id, string Value, Range Offset);
