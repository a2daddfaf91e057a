// Finite-difference checks (TestSupport/FiniteDifference states the tolerance) of the row-wise layers:
// linear, layer norm, feed-forward (with dropout under a fixed mask), mean / first-token pooling and
// the cross-entropy with class weights and label smoothing.
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Layers;

public sealed class DenseLayerGradientTests(ITestOutputHelper output)
{
    [Fact]
    public void Linear_map()
    {
        const int N = 5, I = 7, O = 6;
        float[] x = TestData.Normal(N * I, 1), w = TestData.Normal(O * I, 2, 0.5f), b = TestData.Normal(O, 3);
        float[] dyWeights = TestData.Normal(N * O, 4), y = new float[N * O];
        double Loss()
        {
            Neural.Layers.Linear.Forward(y, x, w, b, N, I, O, threads: 1);
            return FiniteDifference.Dot(dyWeights, y);
        }
        float[] dx = new float[N * I], dw = new float[O * I], db = new float[O];
        Neural.Layers.Linear.Backward(dx, dw, db, dyWeights, x, w, N, I, O, accumulateInputGradient: false, threads: 1);
        FiniteDifference.AssertGradient(output, "dx", x, 0, dx, Loss);
        FiniteDifference.AssertGradient(output, "dW", w, 0, dw, Loss);
        FiniteDifference.AssertGradient(output, "db", b, 0, db, Loss);
    }

    [Fact]
    public void Layer_norm()
    {
        const int N = 5, C = 12;
        var norm = new LayerNorm(C, 1e-5f);
        norm.EnsureCapacity(N, training: true);
        float[] x = TestData.Normal(N * C, 1, 2f), w = TestData.Uniform(C, 2, 0.5f, 1.5f), b = TestData.Normal(C, 3);
        float[] dyWeights = TestData.Normal(N * C, 4), y = new float[N * C];
        double Loss()
        {
            norm.Forward(y, x, w, b, N, threads: 1);
            return FiniteDifference.Dot(dyWeights, y);
        }
        Loss();
        float[] dx = new float[N * C], dw = new float[C], db = new float[C];
        norm.Backward(dx, dw, db, dyWeights, x, w, N, threads: 1);
        FiniteDifference.AssertGradient(output, "dx", x, 0, dx, Loss);
        FiniteDifference.AssertGradient(output, "dweight", w, 0, dw, Loss);
        FiniteDifference.AssertGradient(output, "dbias", b, 0, db, Loss);
    }

    [Fact]
    public void Feed_forward_with_exact_gelu_and_dropout()
    {
        var config = SmallModels.Config() with { FeedForwardDropout = 0.3f };
        var parameters = SmallModels.Parameters(config);
        BlockParameters p = parameters.Blocks[0];
        ParameterArena arena = parameters.Arena;
        const int N = 6;
        int C = config.ModelDimension;
        var ffn = new FeedForward(C, config.FeedForwardDimension, config.FeedForwardDropout);
        ffn.EnsureCapacity(N, training: true);
        float[] x = TestData.Normal(N * C, 1), dyWeights = TestData.Normal(N * C, 2), y = new float[N * C];
        double Loss()
        {
            ffn.Forward(y, x, arena, p, N, training: true, dropoutKey: 77, threads: 1); // fixed key: same mask every call
            return FiniteDifference.Dot(dyWeights, y);
        }
        Loss();
        var scratch = new BackwardScratch(C, config.FeedForwardDimension, config.HeadCount);
        scratch.EnsureCapacity(N, N * N);
        var dx = new float[N * C];
        ffn.Backward(dx, dyWeights, x, arena, p, N, scratch, threads: 1);
        FiniteDifference.AssertGradient(output, "dx", x, 0, dx, Loss);
        foreach (ParameterTensor t in new[] { p.Linear1Weight, p.Linear1Bias, p.Linear2Weight, p.Linear2Bias })
            FiniteDifference.AssertGradient(output, t.Name, arena.ValueArray, t.Offset, arena.GradientsOf(t), Loss);
    }

    [Fact]
    public void Mean_and_first_token_pooling()
    {
        const int C = 4;
        TokenBatch batch = SmallModels.Batch([3, 1, 0, 2], labels: [0, 1, 2, 0]);
        int N = batch.TokenCount, B = batch.Count, P = 2 * C;
        float[] h = TestData.Normal(N * C, 1), dWeights = TestData.Normal(B * P, 2), features = new float[B * P];
        double Loss()
        {
            SimplePooling.MeanForward(features, P, 0, h, C, batch);
            SimplePooling.FirstTokenForward(features, P, C, h, C, batch);
            return FiniteDifference.Dot(dWeights, features);
        }
        Loss();
        for (int b = 0; b < B; b++) Assert.All(features.AsSpan(b * P, P).ToArray(), v => Assert.True(batch.Lengths[b] > 0 || v == 0f));
        var dh = new float[N * C];
        SimplePooling.MeanBackward(dh, dWeights, P, 0, C, batch);
        SimplePooling.FirstTokenBackward(dh, dWeights, P, C, C, batch);
        FiniteDifference.AssertGradient(output, "dH", h, 0, dh, Loss);
    }

    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 0f)]
    [InlineData(true, 0.2f)]
    [InlineData(false, 0.1f)]
    public void Cross_entropy_with_class_weights_and_label_smoothing(bool weighted, float smoothing)
    {
        const int B = 4, K = 3;
        float[] logits = TestData.Normal(B * K, 1, 2f), probabilities = new float[B * K], dlogits = new float[B * K];
        int[] labels = [2, 0, 1, 2];
        float[] weights = weighted ? [0.5f, 1f, 3f] : [];
        double Loss() => SoftmaxCrossEntropy.Forward(probabilities, logits, labels, weights, smoothing, B, K);
        Loss();
        SoftmaxCrossEntropy.Backward(dlogits, probabilities, labels, weights, smoothing, B, K);
        FiniteDifference.AssertGradient(output, "dlogits", logits, 0, dlogits, Loss);
    }

    [Fact]
    public void Cross_entropy_value_matches_the_torch_formula_by_hand()
    {
        // One row, logits (0, ln 2, ln 3) → p = (1/6, 2/6, 3/6); label 0; weights (2, 1, 1); ε = 0.3.
        float[] logits = [0f, MathF.Log(2f), MathF.Log(3f)], p = new float[3];
        float loss = SoftmaxCrossEntropy.Forward(p, logits, [0], [2f, 1f, 1f], 0.3f, 1, 3);
        double l0 = Math.Log(6), l1 = Math.Log(3), l2 = Math.Log(2);
        double expected = ((1 - 0.3) * 2 * l0 + 0.3 / 3 * (2 * l0 + l1 + l2)) / 2;
        Assert.Equal(expected, loss, 1e-6);
    }
}
