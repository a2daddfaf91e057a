// Softmax cross-entropy with class weights and label smoothing against
// torch.nn.functional.cross_entropy(weight, label_smoothing, reduction="mean") and its autograd, on
// random batch sizes, class counts, logits of varied scale, weights and smoothing: the loss and the
// gradient with respect to the logits.
//
// Tolerance 1e-5 of scale: one log-sum-exp and one weighted mean per row, which ours accumulates in
// double and torch in float; the difference is a few float roundings (measured ≤ 5e-7 over the 60 cases).
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Neural.Layers;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using TestData = MlNetAttention.Neural.Tests.TestSupport.TestData;

namespace MlNetAttention.Neural.Tests.Oracle;

public sealed class CrossEntropyOracleTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Weighted_label_smoothed_cross_entropy_matches_libtorch()
    {
        TorchRuntime.EnsureInitialised();
        var cases =
            from B in Gen.Choose(1, 9)
            from K in Gen.Choose(2, 7)
            from scale in Gen.Elements(0.1f, 1f, 8f)
            from weighted in Gen.Elements(false, true)
            from smoothing in Gen.Elements(0f, 0.1f, 0.3f)
            from seed in Gen.Choose(1, 1_000_000)
            select (B, K, scale, weighted, smoothing, seed);
        Check.One(OracleShapes.Seeded(60), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = NewDisposeScope();
            var (B, K, scale, weighted, smoothing, seed) = c;
            float[] logits = TestData.Normal(B * K, seed, scale);
            int[] labels = TestData.Uniform(B, seed + 1, 0f, K - 0.001f).Select(v => (int)v).ToArray();
            float[] weights = weighted ? TestData.Uniform(K, seed + 2, 0.2f, 3f) : [];
            float[] probabilities = new float[B * K], dlogits = new float[B * K];
            float loss = SoftmaxCrossEntropy.Forward(probabilities, logits, labels, weights, smoothing, B, K);
            SoftmaxCrossEntropy.Backward(dlogits, probabilities, labels, weights, smoothing, B, K);

            Tensor Z = TorchTensors.Leaf(logits, B, K);
            Tensor y = tensor(labels.Select(l => (long)l).ToArray(), [B]);
            Tensor lossRef = TorchReferenceModel.CrossEntropy(Z, y, weighted ? TorchTensors.From(weights, K) : null, smoothing);
            lossRef.backward();

            var compare = new OracleComparison(output, $"cross-entropy B={B} K={K} scale={scale} weighted={weighted} ε={smoothing} seed={seed}");
            compare.Check("loss", [loss], [lossRef.item<float>()], Tolerance);
            compare.Check("d logits", dlogits, TorchTensors.Gradient(Z), Tolerance);
            compare.AssertAll();
        }));
    }
}
