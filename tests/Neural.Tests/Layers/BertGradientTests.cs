// Finite-difference checks (TestSupport/FiniteDifference states the tolerance) of the BERT-style
// encoder's layers on a packed batch with rows of length 5, 1, 0 (fully padded) and 3, the first
// with token types 0 0 1 1 1: the post-LN block with every dropout under fixed masks, the embeddings
// (word + position + token type, layer norm, word and embedding dropout), and the whole model's loss.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;
using MlNetAttention.Neural.Training;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Layers;

public sealed class BertGradientTests(ITestOutputHelper output)
{
    private static readonly int[] Lengths = [5, 1, 0, 3];
    private static readonly int[] Labels = [0, 2, 1, 1];

    internal static EncoderClassifierConfig BertConfig() => SmallModels.Config() with
    {
        Encoder = EncoderKind.Bert, TokenTypeCount = 2, LayerNormEpsilon = 1e-12f,
    };

    /// <summary>
    /// SmallModels.Parameters with the matrices widened: BERT's N(0, 0.02²) initialisation makes the
    /// attention nearly uniform (so the query gradients drown in float rounding) and the embedding sums
    /// so small that the layer norm is strongly curved within the finite-difference step.
    /// </summary>
    internal static ModelParameters Parameters(EncoderClassifierConfig config)
    {
        ModelParameters parameters = SmallModels.Parameters(config);
        var rng = new SplitMix64(17);
        foreach (ParameterTensor t in parameters.Arena.Tensors.Where(t => t.Shape.Count == 2))
        {
            float scale = t.Kind == ParameterKind.Embedding ? 1f : 0.3f;
            Span<float> v = parameters.Arena.ValuesOf(t);
            for (int i = 0; i < v.Length; i++) v[i] += scale * (float)rng.NextNormal();
        }
        return parameters;
    }

    internal static TokenBatch Batch()
    {
        TokenBatch batch = SmallModels.Batch(Lengths, Labels);
        var typed = new TokenBatch(batch.Capacity, batch.MaxLength);
        for (int b = 0; b < batch.Count; b++)
        {
            typed.Add(batch.Row(b), Labels[b]);
            if (b == 0) typed.SetLastRowTokenTypes([0, 0, 1, 1, 1]);
        }
        return typed;
    }

    [Fact]
    public void Post_layer_norm_block_with_every_dropout()
    {
        var config = BertConfig() with { AttentionDropout = 0.2f, ResidualDropout = 0.2f, FeedForwardDropout = 0.2f };
        ModelParameters parameters = Parameters(config);
        ParameterArena arena = parameters.Arena;
        TokenBatch batch = Batch();
        int N = batch.TokenCount, C = config.ModelDimension;
        var block = new BertBlock(config, parameters.Blocks[1]);
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
        const string prefix = "encoder.layer.1.";
        var tensors = arena.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(12, tensors.Count);
        foreach (ParameterTensor t in tensors.Where(t => !t.Name.EndsWith("qkv.bias", StringComparison.Ordinal)))
            FiniteDifference.AssertGradient(output, t.Name, arena.ValueArray, t.Offset, arena.GradientsOf(t), Loss, checks: 16);
        // qkv.bias: the key third has a zero gradient (softmax ignores a shift shared by all keys).
        ParameterTensor bias = arena[prefix + "attention.self.qkv.bias"];
        Span<float> dbias = arena.GradientsOf(bias);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(dbias.Slice(C, C)) < 1e-5f);
        FiniteDifference.AssertGradient(output, "qkv.bias[q]", arena.ValueArray, bias.Offset, dbias[..C], Loss);
        FiniteDifference.AssertGradient(output, "qkv.bias[v]", arena.ValueArray, bias.Offset + 2 * C, dbias[(2 * C)..], Loss);
    }

    [Fact]
    public void Embeddings_with_token_types_layer_norm_and_dropouts()
    {
        var config = BertConfig() with { WordDropout = 0.3f, EmbeddingDropout = 0.2f };
        ModelParameters parameters = Parameters(config);
        ParameterArena arena = parameters.Arena;
        TokenBatch batch = Batch();
        int N = batch.TokenCount, C = config.ModelDimension;
        var embeddings = new BertEmbeddings(config, parameters);
        embeddings.EnsureCapacity(N, training: true);
        float[] dyWeights = TestData.Normal(N * C, 2), y = new float[N * C];
        double Loss()
        {
            embeddings.Forward(y, batch, training: true, dropoutKey: 3, threads: 1);
            return FiniteDifference.Dot(dyWeights, y);
        }
        Loss();
        embeddings.Backward((float[])dyWeights.Clone(), batch, threads: 1);
        Span<float> dtypes = arena.GradientsOf(parameters.TokenTypeEmbedding!);
        Assert.True(dtypes.Slice(C, C).IndexOfAnyExcept(0f) >= 0, "token type 1 is used and must get a gradient");
        foreach (ParameterTensor t in arena.Tensors.Where(t => t.Name.StartsWith("embeddings.", StringComparison.Ordinal)))
            FiniteDifference.AssertGradient(output, t.Name, arena.ValueArray, t.Offset, arena.GradientsOf(t), Loss, checks: 64);
    }

    [Theory]
    [InlineData(PoolingKind.Mean, 0)]
    [InlineData(PoolingKind.AttentionAndMean, 4)]
    [InlineData(PoolingKind.FirstToken, 0)]
    public void Whole_model_loss_on_the_bert_encoder(PoolingKind pooling, int ngramDimension)
    {
        var config = BertConfig() with { Pooling = pooling, NgramDimension = ngramDimension, NgramBuckets = 16 };
        var training = new TrainingOptions { PenaltyWeight = 0.3f, LabelSmoothing = 0.1f };
        var model = new EncoderClassifier(config, seed: 9, training) { ThreadCount = 1 };
        var rng = new SplitMix64(4);
        foreach (ParameterTensor t in model.Parameters.Tensors)
        {
            // BERT's N(0, 0.02) weights give tiny gradients deep in the stack; widen them so the check sees signal.
            Span<float> v = model.Parameters.ValuesOf(t);
            for (int i = 0; i < v.Length; i++) v[i] += (t.Shape.Count == 1 ? 0.2f : 0.3f) * (float)rng.NextNormal();
        }
        TokenBatch batch = Batch();
        double Loss() => model.Evaluate(batch);
        model.ComputeGradients(batch, training: false);
        float[] values = model.Parameters.ValueArray;
        float[] gradients = (float[])model.Parameters.GradientArray.Clone();
        // As in SequenceLayerGradientTests: the float loss's rounding allows 1 % of each tensor's largest gradient.
        foreach (ParameterTensor t in model.Parameters.Tensors.Where(t => !t.Name.EndsWith("qkv.bias", StringComparison.Ordinal)))
            FiniteDifference.AssertGradient(output, t.Name, values, t.Offset, gradients.AsSpan(t.Offset, t.Length), Loss, checks: 12, scaleTolerance: 1e-2);
    }
}
