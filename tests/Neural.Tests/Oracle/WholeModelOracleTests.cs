// The whole classifier against the same model in libtorch, on random configurations and batches:
// every pooling kind, learned / sinusoidal / no positions, 0–2 blocks, with and without the n-gram
// bag, class weights, label smoothing and Lin et al.'s penalty. Checked: the logits, the loss and
// EVERY parameter gradient of one backward pass; then a few AdamW steps (Loshchilov & Hutter 2019,
// with global-norm clipping and decoupled decay on matrices and embeddings only) against
// torch.optim.AdamW + clip_grad_norm_, comparing how far every parameter moved.
//
// Tolerances. Gradients: 1e-4 of each tensor's scale, as in EncoderBlockOracleTests (float32 both
// sides, different reduction orders; two blocks, a final norm and the pooling deep, measured worst
// 4.4e-6 of scale over the 40 cases). AdamW: what is compared is each parameter's MOVEMENT over the steps (after − before),
// with 1e-2 of its tensor's largest movement. Adam normalises every element's step to about lr,
// whatever its gradient's size, so an element whose gradient is small or changes sign between steps
// turns a 1e-6 relative gradient difference into a much larger step difference (measured: at
// most 1e-4 of the movement scale over these 12 cases, 1.5e-3 in an earlier draw); a wrong update rule (bias correction, decay on the
// wrong tensors, clipping off, ε misplaced) changes movements by order 1.
// Excluded from the AdamW comparison: the key third of in_proj_bias. It adds q·b_k to every score
// of a query row, which softmax ignores, so its gradient is 0 in exact arithmetic and rounding noise
// (~1e-10) on both sides; Adam divides by √v and turns that noise into steps of size ~lr in unrelated
// directions. Its value never changes the model's output (the gradient test still compares it,
// against the tensor's scale, which the query and value thirds set). The n-gram bag is left out of
// the AdamW steps: the engine updates that table lazily (only touched rows, TouchedRows), which
// torch.optim.AdamW does not (the golden fixture attention_mean_ngram_bag covers the lazy update).
using FsCheck;
using FsCheck.Fluent;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAttention.Neural.Tests.Oracle;

public sealed class WholeModelOracleTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    private sealed record Case(OracleShape Shape, int Layers, PoolingKind Pooling, PositionEncodingKind Positions, bool Bag,
        bool Weighted, float Smoothing, float Penalty)
    {
        public override string ToString() =>
            $"{Shape} layers={Layers} pooling={Pooling} positions={Positions} bag={Bag} weighted={Weighted} ε={Smoothing} λ={Penalty}";
    }

    private static Gen<Case> Cases(bool allowBag) =>
        from shape in OracleShapes.Shapes()
        from layers in Gen.Choose(0, 2)
        from pooling in Gen.Elements(PoolingKind.Attention, PoolingKind.AttentionAndMean, PoolingKind.Mean, PoolingKind.FirstToken)
        from positions in Gen.Elements(PositionEncodingKind.Learned, PositionEncodingKind.Sinusoidal, PositionEncodingKind.None)
        from bag in allowBag ? Gen.Elements(false, true) : Gen.Constant(false)
        from weighted in Gen.Elements(false, true)
        from smoothing in Gen.Elements(0f, 0.1f)
        from penalty in Gen.Elements(0f, 0.5f)
        select new Case(shape, layers, pooling, positions, bag, weighted, smoothing, penalty);

    private static (EncoderClassifierConfig Config, TrainingOptions Training) Setup(Case c)
    {
        EncoderClassifierConfig config = OracleParameters.Config(c.Shape, c.Layers) with
        {
            Pooling = c.Pooling, PositionEncoding = c.Positions,
            NgramDimension = c.Bag ? 5 : 0, NgramOrder = 2, NgramBuckets = 7,
        };
        var training = new TrainingOptions
        {
            PenaltyWeight = c.Pooling is PoolingKind.Attention or PoolingKind.AttentionAndMean ? c.Penalty : 0f,
            LabelSmoothing = c.Smoothing,
            ClassWeights = c.Weighted ? Enumerable.Range(0, c.Shape.Classes).Select(k => 0.5f + 0.4f * k).ToArray() : null,
            MaxGradientNorm = 1f,
            AdamW = new AdamWOptions { WeightDecay = 0.1f },
        };
        return (config, training);
    }

    private static EncoderClassifier Model(EncoderClassifierConfig config, TrainingOptions training, int seed)
    {
        var model = new EncoderClassifier(config, seed, training) { ThreadCount = 1 };
        OracleParameters.Perturb(model.Parameters, seed);
        return model;
    }

    [Fact]
    public void Logits_loss_and_every_parameter_gradient_match_libtorch()
    {
        TorchRuntime.EnsureInitialised();
        Check.One(OracleShapes.Seeded(40), Prop.ForAll(Cases(allowBag: true).ToArbitrary(), c =>
        {
            using var scope = NewDisposeScope();
            var (config, training) = Setup(c);
            EncoderClassifier model = Model(config, training, c.Shape.Seed);
            TokenBatch batch = c.Shape.Batch(config.VocabularySize);
            int B = batch.Count, K = config.ClassCount;
            float loss = model.ComputeGradients(batch, training: false);

            var reference = new TorchReferenceClassifier(config, training, model.Parameters);
            var (logits, lossRef) = reference.Forward(batch, c.Shape.T);
            lossRef.backward();

            var compare = new OracleComparison(output, c.ToString());
            compare.Check("logits", model.Logits.Slice(0, B * K), TorchTensors.Values(logits, B, K), Tolerance);
            compare.Check("loss", [loss], [lossRef.item<float>()], Tolerance);
            foreach (ParameterTensor p in model.Parameters.Tensors)
                compare.Check("d " + p.Name, model.Parameters.GradientsOf(p), TorchTensors.Gradient(reference.Leaves[p.Name]), Tolerance);
            compare.AssertAll();
        }));
    }

    [Fact]
    public void Three_clipped_adamw_steps_match_torch_optim_adamw()
    {
        TorchRuntime.EnsureInitialised();
        float[] rates = [1e-2f, 5e-3f, 2e-2f];
        const double movementTolerance = 1e-2;
        Check.One(OracleShapes.Seeded(12), Prop.ForAll(Cases(allowBag: false).ToArbitrary(), c =>
        {
            using var scope = NewDisposeScope();
            var (config, training) = Setup(c);
            EncoderClassifier model = Model(config, training, c.Shape.Seed);
            TokenBatch batch = c.Shape.Batch(config.VocabularySize);
            var reference = new TorchReferenceClassifier(config, training, model.Parameters);
            float[] initial = model.Parameters.Values.ToArray();
            ParameterTensor[] tensors = model.Parameters.Tensors.ToArray();
            var decayed = tensors.Where(t => t.Kind is ParameterKind.Weight or ParameterKind.Embedding)
                .Select(t => reference.Leaves[t.Name]).ToList();
            var undecayed = tensors.Where(t => t.Kind is not (ParameterKind.Weight or ParameterKind.Embedding))
                .Select(t => reference.Leaves[t.Name]).ToList();
            var all = decayed.Concat(undecayed).ToList();
            // Two optimizers = two parameter groups: AdamW is element-wise, so this is torch's param_groups.
            using var withDecay = optim.AdamW(decayed, lr: rates[0], weight_decay: training.AdamW.WeightDecay);
            using var withoutDecay = optim.AdamW(undecayed, lr: rates[0], weight_decay: 0);
            foreach (float rate in rates)
            {
                model.TrainStep(batch, rate);

                foreach (var p in all) p.grad?.zero_();
                reference.Forward(batch, c.Shape.T).Loss.backward();
                nn.utils.clip_grad_norm_(all, training.MaxGradientNorm);
                foreach (var group in withDecay.ParamGroups.Concat(withoutDecay.ParamGroups)) group.LearningRate = rate;
                withDecay.step();
                withoutDecay.step();
            }

            var compare = new OracleComparison(output, $"3 AdamW steps, {c}");
            int C = config.ModelDimension;
            foreach (ParameterTensor p in tensors)
            {
                float[] ours = Movement(model.Parameters.ValuesOf(p), initial.AsSpan(p.Offset, p.Length));
                float[] torchValues = Movement(TorchTensors.Values(reference.Leaves[p.Name], p.Shape.Select(s => (long)s).ToArray()), initial.AsSpan(p.Offset, p.Length));
                if (!p.Name.EndsWith("in_proj_bias", StringComparison.Ordinal))
                {
                    compare.Check("Δ " + p.Name, ours, torchValues, movementTolerance);
                    continue;
                }
                compare.Check("Δ " + p.Name + " [q]", ours.AsSpan(0, C), torchValues.AsSpan(0, C), movementTolerance);
                compare.Check("Δ " + p.Name + " [v]", ours.AsSpan(2 * C), torchValues.AsSpan(2 * C), movementTolerance);
            }
            compare.AssertAll();
        }));
    }

    private static float[] Movement(ReadOnlySpan<float> after, ReadOnlySpan<float> before)
    {
        var movement = new float[after.Length];
        for (int i = 0; i < movement.Length; i++) movement[i] = after[i] - before[i];
        return movement;
    }
}
