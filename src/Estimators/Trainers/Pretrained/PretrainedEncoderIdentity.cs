// What a model trained on a pretrained encoder records about it (model.json, format 5): the encoder's
// name (Options.Encoder's named encoder, or the folder's name), the SHA-256 of its model.onnx, and its
// shape. The shape, with the saved options, describes the engine configuration that the weights must
// match when the model is loaded; name and hash say which checkpoint the model was fine-tuned from.
using MlNetAttention.Neural.Pretrained;

namespace MlNetAttention.Trainers;

/// <summary>The pretrained encoder a model was fine-tuned from.</summary>
public sealed record PretrainedEncoderIdentity(string Name, string ModelSha256, BertShape Shape)
{
    internal static PretrainedEncoderIdentity Of(PretrainedBert encoder) => new(encoder.Name, encoder.ModelSha256, encoder.Shape);
}
