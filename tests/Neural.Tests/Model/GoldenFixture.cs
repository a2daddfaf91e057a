// Loads one PyTorch golden fixture (Fixtures/make_fixtures.py) through the engine's own safetensors
// reader: the configuration, the training options, the initial weights, the input batches and the
// expected logits, loss, gradients, loss curve and final weights.
using System.Text.Json;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Serialization;
using MlNetAttention.Neural.Tests.TestSupport;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Neural.Tests.Model;

internal sealed class GoldenFixture
{
    private readonly Dictionary<string, SafeTensor> _tensors;

    public GoldenFixture(string caseName)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, caseName + ".safetensors"));
        var (metadata, tensors) = SafeTensors.Read(stream);
        _tensors = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Config = EncoderClassifierConfig.FromJson(metadata["config"]);
        using JsonDocument training = JsonDocument.Parse(metadata["training"]);
        JsonElement t = training.RootElement;
        JsonElement weights = t.GetProperty("ClassWeights");
        Training = new TrainingOptions
        {
            PenaltyWeight = t.GetProperty("PenaltyWeight").GetSingle(),
            LabelSmoothing = t.GetProperty("LabelSmoothing").GetSingle(),
            ClassWeights = weights.ValueKind == JsonValueKind.Null ? null : weights.EnumerateArray().Select(w => w.GetSingle()).ToArray(),
            MaxGradientNorm = t.GetProperty("MaxGradientNorm").GetSingle(),
            AdamW = new AdamWOptions { WeightDecay = t.GetProperty("WeightDecay").GetSingle() },
        };
        LearningRate = t.GetProperty("LearningRate").GetSingle();
        WarmupRatio = t.GetProperty("WarmupRatio").GetDouble();
        Steps = t.GetProperty("Steps").GetInt32();
    }

    public EncoderClassifierConfig Config { get; }
    public TrainingOptions Training { get; }
    public float LearningRate { get; }
    public double WarmupRatio { get; }
    public int Steps { get; }

    public float[] Floats(string name) => _tensors[name].Floats ?? throw new InvalidOperationException($"{name} is not F32.");

    public bool Has(string name) => _tensors.ContainsKey(name);

    /// <summary>A model with the fixture's initial weights (every name and shape checked).</summary>
    public EncoderClassifier CreateModel(int threads = 0)
    {
        var model = new EncoderClassifier(Config, seed: 0, Training) { ThreadCount = threads };
        foreach (ParameterTensor p in model.Parameters.Tensors)
        {
            SafeTensor source = _tensors["param." + p.Name];
            Assert.Equal(p.Shape, source.Shape);
            source.Floats.AsSpan().CopyTo(model.Parameters.ValuesOf(p));
        }
        Assert.Equal(model.Parameters.Tensors.Count, _tensors.Keys.Count(k => k.StartsWith("param.", StringComparison.Ordinal)));
        return model;
    }

    /// <summary>Batch <paramref name="step"/> of the fixture's inputs.</summary>
    public TokenBatch Batch(int step)
    {
        SafeTensor ids = _tensors["input.ids"], labels = _tensors["input.labels"];
        int B = ids.Shape[1], T = ids.Shape[2];
        var batch = new TokenBatch(B, T);
        batch.SetPadded(ids.Ints.AsSpan(step * B * T, B * T), B, T, labels.Ints.AsSpan(step * B, B));
        return batch;
    }
}
