// The poolings against libtorch's autograd on random shapes (empty rows included): structured
// self-attentive pooling (Lin et al. 2017) with its penalty λ·‖AAᵀ − I‖²_F, mean pooling and
// first-token pooling. For the loss Σ w ∘ features (+ λ·penalty): the features, the penalty, the
// gradient with respect to the token states H and the pooling's parameter gradients.
//
// Tolerance 1e-4 of each tensor's scale, for the reasons given in EncoderBlockOracleTests (float32
// on both sides, different reduction orders; here at most three reductions deep, so the measured
// worst is smaller still, ~1e-6).
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using TestData = MlNetAttention.Neural.Tests.TestSupport.TestData;

namespace MlNetAttention.Neural.Tests.Oracle;

public sealed class PoolingOracleTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void Attention_pooling_with_penalty_matches_libtorch()
    {
        TorchRuntime.EnsureInitialised();
        Check.One(OracleShapes.Seeded(30), Prop.ForAll(OracleShapes.Shapes().ToArbitrary(), shape =>
        {
            using var scope = NewDisposeScope();
            EncoderClassifierConfig config = OracleParameters.Config(shape) with { Pooling = PoolingKind.Attention };
            ModelParameters parameters = OracleParameters.Create(config, shape.Seed);
            TokenBatch batch = shape.Batch(config.VocabularySize);
            int N = batch.TokenCount, B = batch.Count, T = shape.T, C = shape.C, P = config.PooledDimension;
            float penaltyWeight = 0.25f + shape.Seed % 4 * 0.5f;

            float[] h = TestData.Normal(N * C, shape.Seed), w = TestData.Normal(B * P, shape.Seed + 1), features = new float[B * P];
            var pooling = new AttentionPooling(config, parameters);
            pooling.EnsureCapacity(B, N, training: true);
            float penalty = pooling.Forward(features, P, h, batch, withPenalty: true, threads: 1);
            var dh = new float[N * C];
            pooling.Backward(dh, w, P, h, batch, penaltyWeight, threads: 1);

            var leaves = TorchTensors.Leaves(parameters.Arena);
            var reference = new TorchReferenceModel(name => leaves[name]);
            Tensor H = TorchTensors.Leaf(TorchTensors.Pad(h, batch, T, C), B, T, C);
            var (M, penaltyRef) = reference.AttentionPool(H, TorchTensors.PaddingMask(batch, T));
            ((M * TorchTensors.From(w, B, P)).sum() + penaltyWeight * penaltyRef).backward();

            var compare = new OracleComparison(output, $"attention pooling λ={penaltyWeight}, {shape}");
            compare.Check("features", features, TorchTensors.Values(M, B, P), Tolerance);
            compare.Check("penalty", [penalty], [penaltyRef.item<float>()], Tolerance);
            compare.Check("d H", dh, TorchTensors.Pack(TorchTensors.Gradient(H), batch, T, C), Tolerance);
            foreach (ParameterTensor p in new[] { parameters.PoolW1!, parameters.PoolW2! })
                compare.Check("d " + p.Name, parameters.Arena.GradientsOf(p), TorchTensors.Gradient(leaves[p.Name]), Tolerance);
            compare.AssertAll();
        }));
    }

    [Theory]
    [InlineData(PoolingKind.Mean)]
    [InlineData(PoolingKind.FirstToken)]
    public void Mean_and_first_token_pooling_match_libtorch(PoolingKind kind)
    {
        TorchRuntime.EnsureInitialised();
        Check.One(OracleShapes.Seeded(30), Prop.ForAll(OracleShapes.Shapes().ToArbitrary(), shape =>
        {
            using var scope = NewDisposeScope();
            TokenBatch batch = shape.Batch(23);
            int N = batch.TokenCount, B = batch.Count, T = shape.T, C = shape.C;
            // A column offset and a wider stride, as when these features sit beside attention pooling's.
            int stride = C + 3, column = 2;
            float[] h = TestData.Normal(N * C, shape.Seed), w = TestData.Normal(B * stride, shape.Seed + 1);
            float[] features = new float[B * stride], dh = new float[N * C];
            if (kind == PoolingKind.Mean)
            {
                SimplePooling.MeanForward(features, stride, column, h, C, batch);
                SimplePooling.MeanBackward(dh, w, stride, column, C, batch);
            }
            else
            {
                SimplePooling.FirstTokenForward(features, stride, column, h, C, batch);
                SimplePooling.FirstTokenBackward(dh, w, stride, column, C, batch);
            }

            Tensor H = TorchTensors.Leaf(TorchTensors.Pad(h, batch, T, C), B, T, C);
            Tensor pad = TorchTensors.PaddingMask(batch, T);
            Tensor M = kind == PoolingKind.Mean ? TorchReferenceModel.MeanPool(H, pad) : TorchReferenceModel.FirstPool(H, pad);
            Tensor W = TorchTensors.From(w, B, stride).narrow(1, column, C);
            (M * W).sum().backward();

            float[] ours = new float[B * C];
            for (int b = 0; b < B; b++) features.AsSpan(b * stride + column, C).CopyTo(ours.AsSpan(b * C));
            var compare = new OracleComparison(output, $"{kind} pooling, {shape}");
            compare.Check("features", ours, TorchTensors.Values(M, B, C), Tolerance);
            compare.Check("d H", dh, TorchTensors.Pack(TorchTensors.Gradient(H), batch, T, C), Tolerance);
            compare.AssertAll();
        }));
    }
}
