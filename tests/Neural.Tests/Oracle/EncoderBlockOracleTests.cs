// The scratch encoder block (pre-LN multi-head self-attention with a key-padding mask, GELU FFN)
// against libtorch's autograd on random shapes: the output, the input gradient and every parameter
// gradient of the block, for the loss Σ w ∘ Y with fixed random w over the real tokens.
//
// Tolerance 1e-4 of each tensor's scale. Both sides compute in float32 (unit roundoff 6e-8) but
// reduce in different orders (our GEMM's k-blocking against MKL-DNN/OpenBLAS), and a gradient here
// passes through up to eight reductions of ≤ 40 terms and two layer norms (which divide by a
// standard deviation); the erf inside GELU is ours to 1.3e-7 absolute (Kernels/Erf.cs). Measured
// worst over the 30 shapes: 1.4e-6 of scale (printed by the test), so 1e-4 leaves 70× margin for unlucky shapes while a
// wrong term (a missing 1/√HS, a transposed weight, a pad leaking in) gives errors of order 1e-1.
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;
using TestData = MlNetAttention.Neural.Tests.TestSupport.TestData;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAttention.Neural.Tests.Oracle;

public sealed class EncoderBlockOracleTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void Encoder_block_output_input_gradient_and_every_parameter_gradient_match_libtorch()
    {
        TorchRuntime.EnsureInitialised();
        Check.One(OracleShapes.Seeded(30), Prop.ForAll(OracleShapes.Shapes().ToArbitrary(), shape => CheckBlock(shape, output)));
    }

    internal static void CheckBlock(OracleShape shape, ITestOutputHelper? output)
    {
        using var scope = NewDisposeScope();
        EncoderClassifierConfig config = OracleParameters.Config(shape);
        ModelParameters parameters = OracleParameters.Create(config, shape.Seed);
        ParameterArena arena = parameters.Arena;
        TokenBatch batch = shape.Batch(config.VocabularySize);
        int N = batch.TokenCount, B = batch.Count, T = shape.T, C = shape.C;
        long squares = shape.Lengths.Sum(l => (long)l * l);

        // Ours, on the packed rows.
        float[] x = TestData.Normal(N * C, shape.Seed), w = TestData.Normal(N * C, shape.Seed + 1), y = new float[N * C];
        var block = new EncoderBlock(config, parameters.Blocks[0]);
        block.EnsureCapacity(N, squares, training: true);
        block.Forward(y, x, arena, batch, training: true, dropoutKey: 1, threads: 1);
        var scratch = new BackwardScratch(C, config.FeedForwardDimension, config.HeadCount);
        scratch.EnsureCapacity(N, squares);
        float[] dx = (float[])w.Clone();
        block.Backward(dx, x, arena, batch, scratch, threads: 1);

        // libtorch, on the padded (B, T, C) layout with the key-padding mask.
        var leaves = TorchTensors.Leaves(arena);
        var reference = new TorchReferenceModel(name => leaves[name], config.LayerNormEpsilon);
        Tensor X = TorchTensors.Leaf(TorchTensors.Pad(x, batch, T, C), B, T, C);
        Tensor Y = reference.Block(X, TorchTensors.PaddingMask(batch, T), layer: 0, heads: config.HeadCount);
        (Y * TorchTensors.From(TorchTensors.Pad(w, batch, T, C), B, T, C)).sum().backward();

        var compare = new OracleComparison(output, $"encoder block, {shape}");
        compare.Check("output", y, TorchTensors.Pack(TorchTensors.Values(Y, B, T, C), batch, T, C), Tolerance);
        compare.Check("d input", dx, TorchTensors.Pack(TorchTensors.Gradient(X), batch, T, C), Tolerance);
        foreach (ParameterTensor p in arena.Tensors.Where(p => p.Name.StartsWith("layers.0.", StringComparison.Ordinal)))
            compare.Check("d " + p.Name, arena.GradientsOf(p), TorchTensors.Gradient(leaves[p.Name]), Tolerance);
        compare.AssertAll();
    }
}
