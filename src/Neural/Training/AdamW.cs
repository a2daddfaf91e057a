// AdamW over a ParameterArena (Loshchilov & Hutter 2019), with exactly the arithmetic of
// torch.optim.AdamW (single-tensor path of PyTorch 1.13), per element:
//   θ ← θ·(1 − lr·λ)                               (decayed tensors only)
//   m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
//   θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
// The moments live in two arrays with the arena's layout, so the update is one flat SIMD loop per
// tensor, run in fixed chunks over the WorkerPool (element-wise: identical for any thread count).
// Tables given as TouchedRows are updated lazily: only the rows the step touched get the update above
// (decay included), the others and their moments stay as they are — the row-sparse "lazy Adam" of
// TensorFlow's LazyAdamOptimizer, for tables too large to sweep every step (the n-gram bag's). A
// lazy row gets one step per occurrence, where a dense AdamW keeps moving it on its momentum for tens
// of steps after, so lazy tables may take a larger learning rate (lazyLearningRateScale).
// Per-tensor learning-rate scales (learningRateScale, the parameter groups of torch.optim): fine-tuning
// a pretrained encoder takes a small rate for its weights and a larger one for the freshly initialised
// heads. A scale multiplies lr in both the step and the decay, as a torch group's own lr does.
using System.Runtime.Intrinsics;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Training;

public sealed class AdamW
{
    private const int ChunkLength = 32 * 1024;
    private readonly ParameterArena _arena;
    private float[]? _m, _v;   // allocated by the first Step: a model that never trains needs no moments
    private readonly int[] _chunkStart, _chunkLength;   // chunks never straddle two tensors
    private readonly bool[] _chunkDecay;
    private readonly float[] _chunkScale;
    private readonly TouchedRows[] _lazy;
    private readonly float _lazyScale;

    /// <param name="arena">The parameters (and their gradients) to update.</param>
    /// <param name="options">β1, β2, ε, weight decay.</param>
    /// <param name="lazyRows">Tables updated only at the rows each step touched; the caller fills the
    /// sets before each Step. Null or empty: every tensor is updated densely.</param>
    /// <param name="lazyLearningRateScale">Multiplies the learning rate (and so the decay) of the lazy tables.</param>
    /// <param name="learningRateScale">Each dense tensor's learning-rate multiplier (positive, finite); null: 1 for all.</param>
    public AdamW(ParameterArena arena, AdamWOptions options, IReadOnlyList<TouchedRows>? lazyRows = null, float lazyLearningRateScale = 1f,
        Func<ParameterTensor, float>? learningRateScale = null)
    {
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _arena = arena;
        Options = options;
        _lazy = lazyRows?.ToArray() ?? [];
        if (!(lazyLearningRateScale > 0f && float.IsFinite(lazyLearningRateScale)))
            throw new ArgumentException($"lazyLearningRateScale must be positive and finite; got {lazyLearningRateScale}.", nameof(lazyLearningRateScale));
        _lazyScale = lazyLearningRateScale;
        foreach (TouchedRows rows in _lazy)
        {
            if (!arena.TryGet(rows.Tensor.Name, out var owned) || owned != rows.Tensor)
                throw new ArgumentException($"lazy table {rows.Tensor} is not a tensor of this arena.", nameof(lazyRows));
        }
        var starts = new List<int>();
        var lengths = new List<int>();
        var decays = new List<bool>();
        var scales = new List<float>();
        foreach (ParameterTensor t in arena.Tensors)
        {
            if (_lazy.Any(rows => rows.Tensor == t)) continue;
            bool decay = Decays(t);
            float scale = learningRateScale?.Invoke(t) ?? 1f;
            if (!(scale > 0f && float.IsFinite(scale)))
                throw new ArgumentException($"the learning-rate scale of {t} must be positive and finite; got {scale}.", nameof(learningRateScale));
            for (int s = 0; s < t.Length; s += ChunkLength)
            {
                starts.Add(t.Offset + s);
                lengths.Add(Math.Min(ChunkLength, t.Length - s));
                decays.Add(decay);
                scales.Add(scale);
            }
        }
        _chunkStart = starts.ToArray();
        _chunkLength = lengths.ToArray();
        _chunkDecay = decays.ToArray();
        _chunkScale = scales.ToArray();
    }

    public AdamWOptions Options { get; }

    /// <summary>Optimizer steps taken so far (t in the bias corrections).</summary>
    public long StepCount { get; private set; }

    /// <summary>Whether AdamW decays <paramref name="tensor"/> (weights always; embeddings if DecayEmbeddings).</summary>
    public bool Decays(ParameterTensor tensor) =>
        tensor.Kind == ParameterKind.Weight || (tensor.Kind == ParameterKind.Embedding && Options.DecayEmbeddings);

    /// <summary>One update of every parameter from the arena's gradients at learning rate <paramref name="learningRate"/>.</summary>
    public void Step(float learningRate, int threads = 0)
    {
        if (!(learningRate >= 0f && float.IsFinite(learningRate)))
            throw new ArgumentException($"learning rate must be finite and ≥ 0; got {learningRate}.", nameof(learningRate));
        StepCount++;
        _m ??= new float[_arena.ElementCount];
        _v ??= new float[_arena.ElementCount];
        // Scalars in double, as PyTorch computes them in Python before the float kernels.
        double biasCorrection1 = 1.0 - Math.Pow(Options.Beta1, StepCount);
        double biasCorrection2 = 1.0 - Math.Pow(Options.Beta2, StepCount);
        var update = new ElementUpdate
        {
            Values = _arena.ValueArray, Gradients = _arena.GradientArray, M = _m, V = _v,
            DecayFactor = (float)(1.0 - (double)learningRate * Options.WeightDecay),
            Beta1 = Options.Beta1, Beta2 = Options.Beta2, Epsilon = Options.Epsilon,
            StepSize = (float)(learningRate / biasCorrection1), SqrtCorrection2 = (float)Math.Sqrt(biasCorrection2),
        };
        var body = new UpdateBody
        {
            Update = update, Start = _chunkStart, Length = _chunkLength, Decay = _chunkDecay, Scale = _chunkScale,
            RateTimesDecay = (double)learningRate * Options.WeightDecay, BaseStepSize = learningRate / biasCorrection1,
        };
        WorkerPool.Shared.For(_chunkStart.Length, threads, ref body);
        double lazyRate = (double)learningRate * _lazyScale;
        var lazyUpdate = update with
        {
            DecayFactor = (float)(1.0 - lazyRate * Options.WeightDecay), StepSize = (float)(lazyRate / biasCorrection1),
        };
        foreach (TouchedRows rows in _lazy)
        {
            var lazy = new LazyRowsBody
            {
                Update = lazyUpdate, Rows = rows, Offset = rows.Tensor.Offset, Width = rows.RowWidth, Decay = Decays(rows.Tensor),
            };
            WorkerPool.Shared.For((rows.Count + LazyRowsPerItem - 1) / LazyRowsPerItem, threads, ref lazy);
        }
    }

    /// <summary>Rows of a lazy table per work item: enough work to amortise scheduling.</summary>
    private const int LazyRowsPerItem = 256;

    private struct UpdateBody : IParallelBody
    {
        public ElementUpdate Update;
        public int[] Start, Length;
        public bool[] Decay;
        public float[] Scale;
        public double RateTimesDecay, BaseStepSize;   // lr·λ and lr / (1 − β1^t), for scaled chunks

        public readonly void Execute(int index)
        {
            float scale = Scale[index];
            var update = scale == 1f ? Update // bit-identical to an unscaled AdamW
                : Update with { DecayFactor = (float)(1.0 - RateTimesDecay * scale), StepSize = (float)(BaseStepSize * scale) };
            update.Apply(Start[index], Length[index], Decay[index]);
        }
    }

    private struct LazyRowsBody : IParallelBody
    {
        public ElementUpdate Update;
        public TouchedRows Rows;
        public int Offset, Width;
        public bool Decay;

        public readonly void Execute(int index)
        {
            ReadOnlySpan<int> rows = Rows.Rows;
            int end = Math.Min(rows.Length, (index + 1) * LazyRowsPerItem);
            for (int r = index * LazyRowsPerItem; r < end; r++) Update.Apply(Offset + rows[r] * Width, Width, Decay);
        }
    }

    /// <summary>The AdamW arithmetic over one contiguous range of parameters.</summary>
    private struct ElementUpdate
    {
        public float[] Values, Gradients, M, V;
        public float DecayFactor, Beta1, Beta2, Epsilon, StepSize, SqrtCorrection2;

        public readonly void Apply(int start, int length, bool decays)
        {
            Span<float> p = Values.AsSpan(start, length), m = M.AsSpan(start, length);
            Span<float> v = V.AsSpan(start, length);
            ReadOnlySpan<float> g = Gradients.AsSpan(start, length);
            float decay = decays ? DecayFactor : 1f;
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var b1 = Vector256.Create(Beta1); var c1 = Vector256.Create(1f - Beta1);
                var b2 = Vector256.Create(Beta2); var c2 = Vector256.Create(1f - Beta2);
                var d = Vector256.Create(decay); var eps = Vector256.Create(Epsilon);
                var step = Vector256.Create(StepSize); var corr = Vector256.Create(SqrtCorrection2);
                for (; i <= p.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    var gi = Vector256.Create(g.Slice(i));
                    var mi = Vector256.Create(m.Slice(i)) * b1 + gi * c1;
                    var vi = Vector256.Create(v.Slice(i)) * b2 + gi * gi * c2;
                    var denominator = Vector256.Sqrt(vi) / corr + eps;
                    var pi = Vector256.Create(p.Slice(i)) * d;
                    (pi - step * mi / denominator).CopyTo(p.Slice(i));
                    mi.CopyTo(m.Slice(i));
                    vi.CopyTo(v.Slice(i));
                }
            }
            for (; i < p.Length; i++)
            {
                float gi = g[i];
                float mi = m[i] * Beta1 + gi * (1f - Beta1);
                float vi = v[i] * Beta2 + gi * gi * (1f - Beta2);
                m[i] = mi;
                v[i] = vi;
                p[i] = p[i] * decay - StepSize * mi / (MathF.Sqrt(vi) / SqrtCorrection2 + Epsilon);
            }
        }
    }
}
