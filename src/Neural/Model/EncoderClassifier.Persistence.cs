// Saving and loading an EncoderClassifier as a weights file (Serialization/WeightsFile: safetensors
// layout, format tag, version, configuration, every parameter by name and shape).
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Serialization;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Neural.Model;

public sealed partial class EncoderClassifier
{
    /// <summary>Writes the configuration and the parameters (not the optimizer state) to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => WeightsFile.Write(stream, Config, Parameters);

    /// <summary>
    /// Reads a model written by <see cref="Save"/>. <paramref name="seed"/> seeds the dropout masks of
    /// further training; <paramref name="training"/> sets its options (the optimizer starts afresh);
    /// <paramref name="subwordsFor"/> gives the vocabulary's subword rows for the file's configuration when
    /// it has them (they are derived from the vocabulary, which the weights file does not hold).
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is truncated, foreign, or does not match its configuration.</exception>
    public static EncoderClassifier Load(Stream stream, int seed = 0, TrainingOptions? training = null,
        Func<EncoderClassifierConfig, SubwordRows?>? subwordsFor = null)
    {
        var (config, tensors) = WeightsFile.Read(stream);
        var model = new EncoderClassifier(config, seed, training, subwordsFor?.Invoke(config), initialize: false);
        WeightsFile.CopyInto(model.Parameters, tensors);
        return model;
    }
}
