// Creating an EncoderClassifier on a pretrained BERT encoder: the encoder's weights come from the
// checkpoint, the heads (pooling, n-gram bag, classifier) are initialised from the seed as usual.
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Pretrained;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Neural.Model;

public sealed partial class EncoderClassifier
{
    /// <summary>
    /// A model whose encoder is <paramref name="encoder"/>'s pretrained weights. <paramref name="config"/>
    /// must describe that encoder (build it with <see cref="PretrainedBert.Configure"/>); a differing
    /// encoder field is an ArgumentException naming it.
    /// </summary>
    public static EncoderClassifier FromPretrained(PretrainedBert encoder, EncoderClassifierConfig config, int seed,
        TrainingOptions? training = null, SubwordRows? subwords = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(config);
        encoder.Shape.CheckMatches(config, nameof(config));
        var model = new EncoderClassifier(config, seed, training, subwords, initialize: true);
        encoder.CopyInto(model.Parameters);
        return model;
    }
}
