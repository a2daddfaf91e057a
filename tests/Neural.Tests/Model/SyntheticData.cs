// A synthetic task with a known rule for learning and determinism tests: each sequence holds random
// filler tokens and exactly one marker token; the class is which marker appears (ids 2, 3, 4 for
// classes 0, 1, 2; filler ids 5 .. vocabulary − 1), at a random position, in sequences of 1 to 12
// tokens. A model must attend to the marker wherever it is to get above chance (1/3).
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Tests.Model;

internal static class SyntheticData
{
    public const int Vocabulary = 40, Classes = 3, MaxLength = 12;

    public static EncoderClassifierConfig Config(PoolingKind pooling = PoolingKind.Attention) => new()
    {
        VocabularySize = Vocabulary, ClassCount = Classes, MaxLength = MaxLength, ModelDimension = 32, HeadCount = 4,
        LayerCount = 2, FeedForwardDimension = 64, PoolingHiddenDimension = 16, PoolingHops = 2, Pooling = pooling,
    };

    /// <summary>Refills <paramref name="batch"/> with <paramref name="rows"/> fresh examples.</summary>
    public static void Fill(TokenBatch batch, int rows, ref SplitMix64 rng)
    {
        batch.Clear();
        Span<int> ids = stackalloc int[MaxLength];
        for (int b = 0; b < rows; b++)
        {
            int length = 1 + (int)(rng.NextUInt64() % MaxLength);
            int label = (int)(rng.NextUInt64() % Classes);
            int marker = (int)(rng.NextUInt64() % (ulong)length);
            for (int t = 0; t < length; t++)
                ids[t] = t == marker ? 2 + label : 5 + (int)(rng.NextUInt64() % (Vocabulary - 5));
            batch.Add(ids[..length], label);
        }
    }
}
