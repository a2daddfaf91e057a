// The engine against frozen PyTorch fixtures (Fixtures/make_fixtures.py, run once by hand with
// Debian's PyTorch 1.13; nothing in the build or the tests runs Python). The live TorchSharp oracle
// (Oracle/) now checks logits, loss, every gradient and AdamW on random shapes and options; these two
// fixtures are kept for what it does not cover: torch's OWN modules (nn.TransformerEncoderLayer and
// nn.MultiheadAttention, not a re-write of them) from another torch build, ten steps through the
// warm-up/decay schedule with clipping, and the lazy row-sparse AdamW of the n-gram table. For each:
// the logits, the loss and EVERY parameter gradient on one padded batch (B=3, T=7, rows of length 7,
// 4 and 1), then ten AdamW steps reproducing the PyTorch loss curve, and the final weights.
// Tolerance: 1e-4 relative to each tensor's scale (TensorComparison); the per-tensor differences are
// printed like llm.c's test_gpt2.
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;
using MlNetAttention.Neural.Training;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Model;

public sealed class GoldenFixtureTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases => new()
    {
        "attention_penalty",         // attention pooling, learned positions, 2 layers, penalty 0.5
        "attention_mean_ngram_bag",  // attention + mean pooling, 1 layer, n-gram bag (orders 1–3, 11 buckets)
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Logits_loss_and_every_gradient_match_pytorch(string caseName)
    {
        var fixture = new GoldenFixture(caseName);
        EncoderClassifier model = fixture.CreateModel();
        TokenBatch batch = fixture.Batch(0);
        Assert.Equal(new[] { 7, 4, 1 }, batch.Lengths.ToArray());

        float loss = model.ComputeGradients(batch);

        TensorComparison.AssertClose(output, "logits", model.Logits.Slice(0, batch.Count * fixture.Config.ClassCount), fixture.Floats("expected.logits"), Tolerance);
        TensorComparison.AssertClose(output, "loss", [loss], fixture.Floats("expected.loss"), Tolerance);
        foreach (ParameterTensor p in model.Parameters.Tensors)
            TensorComparison.AssertClose(output, "grad " + p.Name, model.Parameters.GradientsOf(p), fixture.Floats("grad." + p.Name), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ten_adamw_steps_reproduce_the_pytorch_loss_curve(string caseName)
    {
        var fixture = new GoldenFixture(caseName);
        EncoderClassifier model = fixture.CreateModel();
        var schedule = new LinearWarmupLinearDecay(fixture.LearningRate, fixture.Steps, fixture.WarmupRatio);
        var losses = new float[fixture.Steps];
        for (int s = 0; s < fixture.Steps; s++) losses[s] = model.TrainStep(fixture.Batch(s), schedule.RateAt(s));

        float[] expected = fixture.Floats("adamw.losses");
        for (int s = 0; s < fixture.Steps; s++) output.WriteLine($"step {s}: ours {losses[s]:F7}  torch {expected[s]:F7}");
        for (int s = 0; s < fixture.Steps; s++)
            Assert.True(Math.Abs(losses[s] - expected[s]) <= Tolerance * Math.Abs(expected[s]),
                $"step {s}: loss {losses[s]:F7} vs torch {expected[s]:F7}");
        if (!fixture.Has("adamw.final.token_embedding.weight")) return;
        int C = fixture.Config.ModelDimension;
        foreach (ParameterTensor p in model.Parameters.Tensors)
        {
            Span<float> ours = model.Parameters.ValuesOf(p);
            float[] torch = fixture.Floats("adamw.final." + p.Name);
            if (!p.Name.EndsWith("in_proj_bias", StringComparison.Ordinal))
            {
                TensorComparison.AssertClose(output, "final " + p.Name, ours, torch, Tolerance);
                continue;
            }
            // The key bias b_k adds q·b_k to every score of a query row, which softmax ignores: its
            // gradient is 0 in exact arithmetic and rounding noise (~1e-10) in both implementations
            // (asserted below). Adam divides by √v, turning that noise into steps of size ~lr in
            // directions that differ between the two, so only the query and value thirds are compared.
            TensorComparison.AssertClose(output, "final " + p.Name + " [q]", ours[..C], torch.AsSpan(0, C), Tolerance);
            TensorComparison.AssertClose(output, "final " + p.Name + " [v]", ours[(2 * C)..], torch.AsSpan(2 * C), Tolerance);
        }
    }

    [Fact]
    public void Key_bias_gradient_is_rounding_noise_as_in_pytorch()
    {
        var fixture = new GoldenFixture("attention_penalty");
        EncoderClassifier model = fixture.CreateModel();
        model.ComputeGradients(fixture.Batch(0));
        int C = fixture.Config.ModelDimension;
        for (int l = 0; l < fixture.Config.LayerCount; l++)
        {
            string name = $"layers.{l}.self_attn.in_proj_bias";
            ReadOnlySpan<float> ours = model.Parameters.GradientsOf(model.Parameters[name]);
            float[] torch = fixture.Floats("grad." + name);
            float scale = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(torch);
            float oursKey = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(ours.Slice(C, C));
            float torchKey = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(torch.AsSpan(C, C));
            output.WriteLine($"{name}: |grad| scale {scale:E2}, key third: ours {oursKey:E2}, torch {torchKey:E2}");
            Assert.True(oursKey <= 1e-6f * scale && torchKey <= 1e-6f * scale);
        }
    }
}
