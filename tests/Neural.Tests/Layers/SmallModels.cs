// Tiny configurations, parameters and batches shared by the layer and model tests.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Tests.Layers;

internal static class SmallModels
{
    public static EncoderClassifierConfig Config() => new()
    {
        VocabularySize = 12, ClassCount = 3, MaxLength = 8, ModelDimension = 8, HeadCount = 2, LayerCount = 2,
        FeedForwardDimension = 16, PoolingHiddenDimension = 6, PoolingHops = 3,
        AttentionDropout = 0f, ResidualDropout = 0f, FeedForwardDropout = 0f,
    };

    /// <summary>Initialised parameters with every 1-D tensor moved off its 0/1 default.</summary>
    public static ModelParameters Parameters(EncoderClassifierConfig config, int seed = 5)
    {
        var parameters = new ModelParameters(config);
        parameters.Initialize(seed);
        var rng = new MlNetAttention.Neural.Kernels.SplitMix64((ulong)seed);
        foreach (ParameterTensor t in parameters.Arena.Tensors)
        {
            if (t.Shape.Count != 1) continue;
            Span<float> v = parameters.Arena.ValuesOf(t);
            for (int i = 0; i < v.Length; i++) v[i] += 0.2f * (float)rng.NextNormal();
        }
        return parameters;
    }

    /// <summary>A batch whose rows have the given lengths, ids cycling over [2, 12).</summary>
    public static TokenBatch Batch(int[] lengths, int[] labels, int maxLength = 8)
    {
        var batch = new TokenBatch(lengths.Length, maxLength);
        int next = 0;
        for (int b = 0; b < lengths.Length; b++)
        {
            var ids = new int[lengths[b]];
            for (int t = 0; t < ids.Length; t++) ids[t] = 2 + (next++ * 7 + b) % 10;
            batch.Add(ids, labels[b]);
        }
        return batch;
    }
}
