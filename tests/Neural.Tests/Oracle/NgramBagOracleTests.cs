// The n-gram embedding bag (fastText's wide path) against nn.EmbeddingBag(mode="mean") semantics in
// libtorch: the features and the table gradient, for random batches (empty rows included), orders
// 1–3 and few hash buckets (so n-grams collide and rows repeat within a bag). The bag's row ids come
// from the engine's public hash (NgramEmbeddingBag.NgramRow), which is its definition, not something
// to check; what is checked is the mean over the rows and the scatter-add of its gradient.
//
// Tolerance 1e-5 of scale: one sum of at most ~25 rows per feature, in float on both sides.
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using TestData = MlNetAttention.Neural.Tests.TestSupport.TestData;

namespace MlNetAttention.Neural.Tests.Oracle;

public sealed class NgramBagOracleTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Ngram_bag_features_and_table_gradient_match_libtorch()
    {
        TorchRuntime.EnsureInitialised();
        var cases =
            from shape in OracleShapes.Shapes()
            from order in Gen.Choose(1, 3)
            from buckets in Gen.Choose(1, 13)
            from dimension in Gen.Choose(1, 9)
            select (shape, order, buckets, dimension);
        Check.One(OracleShapes.Seeded(40), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = NewDisposeScope();
            var (shape, order, buckets, D) = c;
            EncoderClassifierConfig config = OracleParameters.Config(shape, vocabulary: 11) with
            {
                NgramDimension = D, NgramOrder = order, NgramBuckets = buckets,
            };
            ModelParameters parameters = OracleParameters.Create(config, shape.Seed);
            ParameterTensor table = parameters.NgramEmbedding!;
            TokenBatch batch = shape.Batch(config.VocabularySize);
            int B = batch.Count, stride = D + 2, column = 1;
            var bag = new NgramEmbeddingBag(config, parameters.Arena, table);
            bag.EnsureCapacity(B, batch.TokenCount);
            float[] features = new float[B * stride], w = TestData.Normal(B * stride, shape.Seed + 1);
            bag.Forward(features, stride, column, batch, training: false, dropoutKey: 0, threads: 1);
            bag.Backward(w, stride, column, B);

            var leaves = TorchTensors.Leaves(parameters.Arena);
            var reference = new TorchReferenceModel(name => leaves[name]);
            var (rows, sequence, count) = TorchReferenceModel.BagIndex(batch, config.VocabularySize, order, buckets, table.Shape[0]);
            Tensor M = reference.NgramBag(rows, sequence, count);
            (M * TorchTensors.From(w, B, stride).narrow(1, column, D)).sum().backward();

            float[] ours = new float[B * D];
            for (int b = 0; b < B; b++) features.AsSpan(b * stride + column, D).CopyTo(ours.AsSpan(b * D));
            var compare = new OracleComparison(output, $"n-gram bag order={order} buckets={buckets} D={D}, {shape}");
            compare.Check("features", ours, TorchTensors.Values(M, B, D), Tolerance);
            compare.Check("d " + table.Name, parameters.Arena.GradientsOf(table), TorchTensors.Gradient(leaves[table.Name]), Tolerance);
            compare.AssertAll();
        }));
    }
}
