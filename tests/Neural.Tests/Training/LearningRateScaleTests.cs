// Per-tensor learning-rate scales of AdamW (torch.optim's parameter groups, used to fine-tune a
// pretrained encoder at a small rate beside freshly initialised heads at a larger one): a scaled
// tensor moves exactly as torch.optim.AdamW moves a group whose lr is lr·scale (step and decay), an
// unscaled one exactly as before; bad scales and HeadLearningRateScale values are refused.
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.Layers;
using MlNetAttention.Neural.Tests.TestSupport;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Neural.Tests.Training;

public sealed class LearningRateScaleTests
{
    [Fact]
    public void A_scaled_tensor_follows_torch_AdamW_at_the_scaled_rate_and_the_others_are_unchanged()
    {
        var model = new EncoderClassifier(SmallModels.Config(), seed: 1);
        ParameterArena arena = model.Parameters;
        var options = new AdamWOptions { WeightDecay = 0.1f };
        var tensors = arena.Tensors.ToArray();
        float Scale(ParameterTensor t) => Array.IndexOf(tensors, t) % 2 == 0 ? 20f : 1f;
        var adamw = new AdamW(arena, options, learningRateScale: Scale);
        int n = arena.ElementCount;
        double[] p = arena.Values.ToArray().Select(v => (double)v).ToArray(), m = new double[n], v = new double[n];
        var decays = new bool[n];
        var scales = new double[n];
        foreach (ParameterTensor t in tensors)
        {
            for (int i = 0; i < t.Length; i++) (decays[t.Offset + i], scales[t.Offset + i]) = (adamw.Decays(t), Scale(t));
        }
        Assert.Contains(20.0, scales);
        Assert.Contains(1.0, scales);
        float[] lrs = [1e-3f, 5e-4f, 2e-3f];
        for (int step = 1; step <= lrs.Length; step++)
        {
            float[] g = TestData.Normal(n, seed: step, scale: 0.1f);
            g.CopyTo(arena.Gradients);
            adamw.Step(lrs[step - 1], threads: 1);
            for (int i = 0; i < n; i++)
            {
                double lr = lrs[step - 1] * scales[i], b1 = 0.9, b2 = 0.999;
                if (decays[i]) p[i] *= 1 - lr * 0.1;
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                p[i] -= lr / (1 - Math.Pow(b1, step)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, step)) + 1e-8);
            }
        }
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(arena.Values[i] - p[i]) <= 1e-6 * Math.Max(1, Math.Abs(p[i])), $"element {i}");
    }

    [Fact]
    public void Unit_scales_give_bit_identical_updates()
    {
        var a = new EncoderClassifier(SmallModels.Config(), seed: 1).Parameters;
        var b = new EncoderClassifier(SmallModels.Config(), seed: 1).Parameters;
        var plain = new AdamW(a, new AdamWOptions());
        var scaled = new AdamW(b, new AdamWOptions(), learningRateScale: _ => 1f);
        float[] g = TestData.Normal(a.ElementCount, seed: 7, scale: 0.1f);
        g.CopyTo(a.Gradients);
        g.CopyTo(b.Gradients);
        plain.Step(1e-3f, threads: 1);
        scaled.Step(1e-3f, threads: 1);
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Bad_scales_are_refused(float scale)
    {
        var arena = new EncoderClassifier(SmallModels.Config(), seed: 1).Parameters;
        var e = Assert.Throws<ArgumentException>(() => new AdamW(arena, new AdamWOptions(), learningRateScale: _ => scale));
        Assert.Equal("learningRateScale", e.ParamName);
        var options = new TrainingOptions { HeadLearningRateScale = scale };
        Assert.Equal(nameof(TrainingOptions.HeadLearningRateScale), Assert.Throws<ArgumentException>(() => options.Validate(2)).ParamName);
    }
}
