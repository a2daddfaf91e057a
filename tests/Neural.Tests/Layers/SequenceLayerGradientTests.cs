// Finite-difference checks (TestSupport/FiniteDifference states the tolerance) of the layers that
// work per sequence on a packed batch with rows of length 5, 1, 0 (fully padded) and 3: multi-head
// self-attention, the pre-LN encoder block (all dropouts on, under fixed masks), the embeddings
// (learned positions, word and embedding dropout), attention pooling with Lin et al.'s penalty,
// and the whole model's loss with every option.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;
using MlNetAttention.Neural.Training;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Layers;

public sealed class SequenceLayerGradientTests(ITestOutputHelper output)
{
    private static readonly int[] Lengths = [5, 1, 0, 3];
    private static readonly int[] Labels = [0, 2, 1, 1];

    [Fact]
    public void Multi_head_self_attention_with_attention_dropout()
    {
        var config = SmallModels.Config() with { AttentionDropout = 0.25f };
        ModelParameters parameters = SmallModels.Parameters(config);
        BlockParameters p = parameters.Blocks[0];
        ParameterArena arena = parameters.Arena;
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        int N = batch.TokenCount, C = config.ModelDimension;
        var attention = new MultiHeadSelfAttention(C, config.HeadCount, config.AttentionDropout);
        attention.EnsureCapacity(N, 64, training: true);
        float[] x = TestData.Normal(N * C, 1), dyWeights = TestData.Normal(N * C, 2), y = new float[N * C];
        double Loss()
        {
            attention.Forward(y, x, arena, p, batch, training: true, dropoutKey: 5, threads: 1);
            return FiniteDifference.Dot(dyWeights, y);
        }
        Loss();
        var scratch = new BackwardScratch(C, config.FeedForwardDimension, config.HeadCount);
        scratch.EnsureCapacity(N, 64);
        var dx = new float[N * C];
        attention.Backward(dx, dyWeights, x, arena, p, batch, scratch, threads: 1);
        FiniteDifference.AssertGradient(output, "dx", x, 0, dx, Loss);
        foreach (ParameterTensor t in new[] { p.InProjWeight, p.OutProjWeight, p.OutProjBias })
            FiniteDifference.AssertGradient(output, t.Name, arena.ValueArray, t.Offset, arena.GradientsOf(t), Loss);
        // in_proj_bias: only the query and value thirds; the key third has a zero gradient (softmax
        // ignores a shift shared by all keys), which the check asserts through the analytic side.
        Span<float> dbias = arena.GradientsOf(p.InProjBias);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(dbias.Slice(C, C)) < 1e-5f);
        FiniteDifference.AssertGradient(output, "in_proj_bias[q]", arena.ValueArray, p.InProjBias.Offset, dbias[..C], Loss);
        FiniteDifference.AssertGradient(output, "in_proj_bias[v]", arena.ValueArray, p.InProjBias.Offset + 2 * C, dbias[(2 * C)..], Loss);
    }

    [Fact]
    public void Pre_layer_norm_encoder_block_with_every_dropout()
    {
        var config = SmallModels.Config() with { AttentionDropout = 0.2f, ResidualDropout = 0.2f, FeedForwardDropout = 0.2f };
        ModelParameters parameters = SmallModels.Parameters(config);
        ParameterArena arena = parameters.Arena;
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        int N = batch.TokenCount, C = config.ModelDimension;
        var block = new EncoderBlock(config, parameters.Blocks[1]);
        block.EnsureCapacity(N, 64, training: true);
        float[] x = TestData.Normal(N * C, 1), dyWeights = TestData.Normal(N * C, 2), y = new float[N * C];
        double Loss()
        {
            block.Forward(y, x, arena, batch, training: true, dropoutKey: 11, threads: 1);
            return FiniteDifference.Dot(dyWeights, y);
        }
        Loss();
        var scratch = new BackwardScratch(C, config.FeedForwardDimension, config.HeadCount);
        scratch.EnsureCapacity(N, 64);
        float[] dresidual = (float[])dyWeights.Clone();
        block.Backward(dresidual, x, arena, batch, scratch, threads: 1);
        FiniteDifference.AssertGradient(output, "dx", x, 0, dresidual, Loss);
        foreach (ParameterTensor t in arena.Tensors.Where(t => t.Name.StartsWith("layers.1.", StringComparison.Ordinal) && !t.Name.EndsWith("in_proj_bias", StringComparison.Ordinal)))
            FiniteDifference.AssertGradient(output, t.Name, arena.ValueArray, t.Offset, arena.GradientsOf(t), Loss, checks: 16);
    }

    [Fact]
    public void Embeddings_with_word_and_embedding_dropout()
    {
        var config = SmallModels.Config() with { WordDropout = 0.5f, EmbeddingDropout = 0.2f };
        ModelParameters parameters = SmallModels.Parameters(config);
        ParameterArena arena = parameters.Arena;
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        int N = batch.TokenCount, C = config.ModelDimension;
        var embeddings = new Embeddings(config, parameters);
        embeddings.EnsureCapacity(N, training: true);
        float[] dyWeights = TestData.Normal(N * C, 2), y = new float[N * C];
        double Loss()
        {
            embeddings.Forward(y, batch, training: true, dropoutKey: 3, threads: 1);
            return FiniteDifference.Dot(dyWeights, y);
        }
        Loss();
        embeddings.Backward((float[])dyWeights.Clone(), batch);
        Span<float> dtoken = arena.GradientsOf(parameters.TokenEmbedding);
        Assert.True(dtoken.Slice(0, C).IndexOfAnyExcept(0f) < 0, "the [PAD] row must get no gradient");
        Assert.True(dtoken.Slice(config.UnknownTokenId * C, C).IndexOfAnyExcept(0f) >= 0, "word dropout must route some tokens to [UNK]");
        FiniteDifference.AssertGradient(output, "token_embedding", arena.ValueArray, parameters.TokenEmbedding.Offset, dtoken, Loss, checks: 96);
        FiniteDifference.AssertGradient(output, "position_embedding", arena.ValueArray, parameters.PositionEmbedding!.Offset,
            arena.GradientsOf(parameters.PositionEmbedding), Loss, checks: 64);
    }

    [Fact]
    public void Attention_pooling_with_penalty()
    {
        var config = SmallModels.Config();
        ModelParameters parameters = SmallModels.Parameters(config);
        ParameterArena arena = parameters.Arena;
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        int N = batch.TokenCount, B = batch.Count, C = config.ModelDimension, P = config.PooledDimension;
        const float penaltyWeight = 0.7f;
        var pooling = new AttentionPooling(config, parameters);
        pooling.EnsureCapacity(B, N, training: true);
        float[] h = TestData.Normal(N * C, 1), dWeights = TestData.Normal(B * P, 2), features = new float[B * P];
        double Loss()
        {
            float penalty = pooling.Forward(features, P, h, batch, withPenalty: true, threads: 1);
            return FiniteDifference.Dot(dWeights, features) + penaltyWeight * (double)penalty;
        }
        Loss();
        Assert.True(features.AsSpan(2 * P, P).IndexOfAnyExcept(0f) < 0, "the fully padded row must pool to zeros");
        var dh = new float[N * C];
        pooling.Backward(dh, dWeights, P, h, batch, penaltyWeight, threads: 1);
        FiniteDifference.AssertGradient(output, "dH", h, 0, dh, Loss);
        FiniteDifference.AssertGradient(output, "pool.w1", arena.ValueArray, parameters.PoolW1!.Offset, arena.GradientsOf(parameters.PoolW1), Loss);
        FiniteDifference.AssertGradient(output, "pool.w2", arena.ValueArray, parameters.PoolW2!.Offset, arena.GradientsOf(parameters.PoolW2), Loss);
    }

    [Theory]
    [InlineData(PoolingKind.AttentionAndMean, PositionEncodingKind.Sinusoidal)]
    [InlineData(PoolingKind.Attention, PositionEncodingKind.Learned)]
    public void Whole_model_loss_with_every_option(PoolingKind pooling, PositionEncodingKind positions)
    {
        var config = SmallModels.Config() with { Pooling = pooling, PositionEncoding = positions };
        var training = new TrainingOptions { PenaltyWeight = 0.3f, LabelSmoothing = 0.1f, ClassWeights = [1f, 2f, 0.5f] };
        var model = new EncoderClassifier(config, seed: 9, training) { ThreadCount = 1 };
        var rng = new SplitMix64(4);
        foreach (ParameterTensor t in model.Parameters.Tensors.Where(t => t.Shape.Count == 1))
        {
            Span<float> v = model.Parameters.ValuesOf(t);
            for (int i = 0; i < v.Length; i++) v[i] += 0.2f * (float)rng.NextNormal();
        }
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        double Loss() => model.Evaluate(batch);
        model.ComputeGradients(batch, training: false);
        float[] values = model.Parameters.ValueArray;
        float[] gradients = (float[])model.Parameters.GradientArray.Clone();
        // The loss is a float mean near 1 whose rounding (~1e-7) divided by 2h is ~5e-6, the size of the
        // smallest gradients here: this end-to-end check allows 1 % of each tensor's largest gradient.
        foreach (ParameterTensor t in model.Parameters.Tensors.Where(t => !t.Name.EndsWith("in_proj_bias", StringComparison.Ordinal)))
            FiniteDifference.AssertGradient(output, t.Name, values, t.Offset, gradients.AsSpan(t.Offset, t.Length), Loss, checks: 12, scaleTolerance: 1e-2);
    }
}
