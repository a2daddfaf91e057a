// Parameters for oracle tests: the engine's own initialisation, then every 1-D tensor (biases, layer
// norm gains) moved off its 0 / 1 default by N(0, 0.2²), so that every gradient path carries a
// non-trivial value (a zero bias or unit gain would hide a missing or transposed term).
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;

namespace MlNetAttention.Neural.Tests.Oracle;

internal static class OracleParameters
{
    public static ModelParameters Create(EncoderClassifierConfig config, int seed)
    {
        var parameters = new ModelParameters(config);
        parameters.Initialize(seed);
        Perturb(parameters.Arena, seed);
        return parameters;
    }

    public static void Perturb(ParameterArena arena, int seed)
    {
        foreach (ParameterTensor t in arena.Tensors.Where(t => t.Shape.Count == 1))
        {
            float[] noise = TestData.Normal(t.Length, seed ^ t.Offset, 0.2f);
            Span<float> v = arena.ValuesOf(t);
            for (int i = 0; i < v.Length; i++) v[i] += noise[i];
        }
    }

    /// <summary>The configuration of a shape: dropout off, learned positions, attention pooling.</summary>
    public static EncoderClassifierConfig Config(OracleShape s, int layers = 1, int vocabulary = 23) => new()
    {
        VocabularySize = vocabulary, ClassCount = s.Classes, MaxLength = s.T, ModelDimension = s.C, HeadCount = s.Heads,
        LayerCount = layers, FeedForwardDimension = s.FeedForward, PoolingHops = s.Hops, PoolingHiddenDimension = s.PoolingHidden,
        AttentionDropout = 0f, ResidualDropout = 0f, FeedForwardDropout = 0f,
    };
}
