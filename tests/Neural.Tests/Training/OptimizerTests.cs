// AdamW against a double-precision transcription of torch.optim.AdamW, its decay rule (weights and,
// optionally, embeddings; never biases or norm gains), gradient clipping with clip_grad_norm_
// semantics, and the learning-rate schedules against the reference's LambdaLR formula.
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.Layers;
using MlNetAttention.Neural.Tests.TestSupport;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Neural.Tests.Training;

public sealed class OptimizerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AdamW_matches_the_torch_update_in_double_and_decays_only_what_it_should(bool decayEmbeddings)
    {
        var model = new EncoderClassifier(SmallModels.Config(), seed: 1);
        ParameterArena arena = model.Parameters;
        var options = new AdamWOptions { WeightDecay = 0.1f, DecayEmbeddings = decayEmbeddings };
        var adamw = new AdamW(arena, options);
        int n = arena.ElementCount;
        double[] p = arena.Values.ToArray().Select(v => (double)v).ToArray(), m = new double[n], v = new double[n];
        var decays = new bool[n];
        foreach (ParameterTensor t in arena.Tensors)
        {
            bool expected = t.Kind == ParameterKind.Weight || (t.Kind == ParameterKind.Embedding && decayEmbeddings);
            Assert.Equal(expected, adamw.Decays(t));
            Assert.Equal(t.Kind is ParameterKind.Weight or ParameterKind.Embedding, t.Shape.Count == 2);
            for (int i = 0; i < t.Length; i++) decays[t.Offset + i] = expected;
        }
        float[] lrs = [1e-2f, 5e-3f, 2e-2f];
        for (int step = 1; step <= lrs.Length; step++)
        {
            float[] g = TestData.Normal(n, seed: step, scale: 0.1f);
            g.CopyTo(arena.Gradients);
            adamw.Step(lrs[step - 1], threads: 1);
            double lr = lrs[step - 1], b1 = 0.9, b2 = 0.999;
            for (int i = 0; i < n; i++)
            {
                if (decays[i]) p[i] *= 1 - lr * 0.1;
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                p[i] -= lr / (1 - Math.Pow(b1, step)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, step)) + 1e-8);
            }
        }
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(arena.Values[i] - p[i]) <= 1e-6 * Math.Max(1, Math.Abs(p[i])), $"element {i}");
        Assert.Equal(3, adamw.StepCount);
    }

    [Fact]
    public void Clipping_scales_to_the_maximum_norm_only_when_above_it()
    {
        float[] g = [3f, 4f]; // norm 5
        Assert.Equal(5.0, GradientClipping.ClipGlobalNorm(g, 1f), 1e-9);
        Assert.Equal(1.0, Math.Sqrt(g[0] * g[0] + g[1] * g[1]), 1e-6);
        Assert.Equal(0.6f, g[0], 1e-6f);

        float[] small = [0.3f, 0.4f];
        GradientClipping.ClipGlobalNorm(small, 1f);
        Assert.Equal([0.3f, 0.4f], small);
        Assert.Equal("maxNorm", Assert.Throws<ArgumentException>(() => GradientClipping.ClipGlobalNorm(g, 0f)).ParamName);
    }

    [Theory]
    [InlineData(0.5f)]                   // clips
    [InlineData(float.PositiveInfinity)] // only measures
    public void Row_sparse_clipping_equals_dense_clipping_when_untouched_rows_are_zero(float maxNorm)
    {
        ModelParameters parameters = SmallModels.Parameters(SmallModels.Config() with { NgramDimension = 4, NgramBuckets = 50 });
        ParameterTensor table = parameters.NgramEmbedding!;
        int n = parameters.Arena.ElementCount, width = table.Shape[1];
        float[] dense = TestData.Normal(n, seed: 4, scale: 0.1f);
        var touched = new TouchedRows(table);
        touched.Add([7, 3, 7, table.Shape[0] - 1]);
        for (int row = 0; row < table.Shape[0]; row++)
            if (row is not (3 or 7) && row != table.Shape[0] - 1) dense.AsSpan(table.Offset + row * width, width).Clear();
        float[] sparse = (float[])dense.Clone();

        // Same sum of squares, cut into different float chunks: equal up to float rounding.
        double expected = GradientClipping.ClipGlobalNorm(dense, maxNorm);
        double actual = GradientClipping.ClipGlobalNorm(sparse, maxNorm, touched);
        Assert.InRange(Math.Abs(actual - expected) / expected, 0, 1e-6);
        Assert.InRange(TensorComparison.Difference(sparse, dense).MaxScaleRelative, 0, 1e-6);
    }

    [Fact]
    public void Linear_schedule_is_the_reference_lambda()
    {
        const int total = 125; // one ag_news epoch at batch 64
        var schedule = new LinearWarmupLinearDecay(1e-3f, total, warmupRatio: 0.05);
        int warm = Math.Max(1, total / 20);
        Assert.Equal(warm, schedule.WarmupSteps);
        for (int s = 0; s < total; s++)
        {
            double factor = Math.Min((s + 1) / (double)warm, Math.Max(0.0, (total - s) / (double)(total - warm)));
            Assert.Equal(1e-3 * factor, schedule.RateAt(s), 1e-9); // base rate held as a float: ≤ 1 ulp apart
        }
    }

    [Fact]
    public void Cosine_schedule_warms_up_then_decays_to_zero()
    {
        var schedule = new LinearWarmupCosineDecay(1f, 100, warmupRatio: 0.1);
        Assert.Equal(0.1f, schedule.RateAt(0), 1e-6f);
        Assert.Equal(1f, schedule.RateAt(9), 1e-6f);
        Assert.Equal(1f, schedule.RateAt(10), 1e-6f);
        Assert.Equal(0.5f, schedule.RateAt(55), 1e-6f);
        Assert.Equal(0f, schedule.RateAt(100), 1e-6f);
        for (int s = 10; s < 100; s++) Assert.True(schedule.RateAt(s + 1) <= schedule.RateAt(s));
        Assert.Equal("totalSteps", Assert.Throws<ArgumentException>(() => new LinearWarmupCosineDecay(1f, 0)).ParamName);
    }

    [Fact]
    public void Training_options_are_validated()
    {
        Assert.Equal("ClassWeights", Assert.Throws<ArgumentException>(() =>
            new EncoderClassifier(SmallModels.Config(), 0, new TrainingOptions { ClassWeights = [1f, 2f] })).ParamName);
        Assert.Equal("LabelSmoothing", Assert.Throws<ArgumentException>(() =>
            new EncoderClassifier(SmallModels.Config(), 0, new TrainingOptions { LabelSmoothing = 1f })).ParamName);
        Assert.Equal("Beta2", Assert.Throws<ArgumentException>(() =>
            new EncoderClassifier(SmallModels.Config(), 0, new TrainingOptions { AdamW = new AdamWOptions { Beta2 = 1f } })).ParamName);
    }
}
