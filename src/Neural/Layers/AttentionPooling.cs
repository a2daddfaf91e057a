// Structured self-attentive pooling (Lin et al. 2017, "A Structured Self-attentive Sentence
// Embedding"), as the PyTorch reference's Pool module:
//   U = tanh(H·W1ᵀ)          (N, da)     W1 (da, C), no bias
//   E = U·W2ᵀ                (N, r)      W2 (r, da), no bias
//   A_b = softmax over the L_b tokens of sequence b, per hop:  (r, L_b)
//   M_b = A_b·H_b            (r, C), flattened into the first r·C features of row b
// Pads are outside the packed rows, so they get zero weight (the reference's masked_fill(−∞)); an
// empty sequence pools to zeros and adds no penalty. Optional penalty (Lin et al. §2.2), averaged
// over the batch:
//   P = mean_b ‖A_b·A_bᵀ − I‖²_F,  ∂P/∂A_b = 4·(A_b·A_bᵀ − I)·A_b / B.
// The per-sequence work runs in parallel over b (each writes disjoint rows).
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Layers;

internal sealed class AttentionPooling
{
    private readonly int C, DA, R;
    private readonly ModelParameters _p;
    private float[] _u = [];          // (N, da) tanh(H·W1ᵀ)
    private float[] _e = [];          // (N, r) scores, later reused for dE
    private float[] _a = [];          // (r·N) A_b as (r, L_b) blocks at r·offset_b
    private float[] _da = [];         // (r·N) dA_b, same layout
    private float[] _du = [];         // (N, da)
    private float[] _gram = [];       // (B, r, r) A·Aᵀ − I
    private float[] _penalties = [];  // (B) ‖A·Aᵀ − I‖²_F

    public AttentionPooling(EncoderClassifierConfig config, ModelParameters parameters)
    {
        C = config.ModelDimension;
        DA = config.PoolingHiddenDimension;
        R = config.PoolingHops;
        _p = parameters;
    }

    public void EnsureCapacity(int batchRows, int rows, bool training)
    {
        Capacity.Ensure(ref _u, (long)rows * DA);
        Capacity.Ensure(ref _e, (long)rows * R);
        Capacity.Ensure(ref _a, (long)rows * R);
        Capacity.Ensure(ref _gram, (long)batchRows * R * R);
        Capacity.Ensure(ref _penalties, batchRows);
        if (!training) return;
        Capacity.Ensure(ref _du, (long)rows * DA);
        Capacity.Ensure(ref _da, (long)rows * R);
    }

    /// <summary>
    /// Writes M_b into features[b, 0 .. r·C) (row stride <paramref name="featureStride"/>) from H (N, C).
    /// Returns the batch-mean penalty ‖A·Aᵀ − I‖²_F when <paramref name="withPenalty"/>, else 0.
    /// </summary>
    public float Forward(float[] features, int featureStride, float[] hidden, TokenBatch batch, bool withPenalty, int threads)
    {
        int N = batch.TokenCount;
        ParameterArena arena = _p.Arena;
        Linear.Forward(_u, hidden.AsSpan(0, N * C), arena.ValuesOf(_p.PoolW1!), default, N, C, DA, threads);
        TensorPrimitives.Tanh(_u.AsSpan(0, N * DA), _u.AsSpan(0, N * DA));
        Linear.Forward(_e, _u.AsSpan(0, N * DA), arena.ValuesOf(_p.PoolW2!), default, N, DA, R, threads);
        var body = new ForwardBody
        {
            Features = features, Stride = featureStride, Hidden = hidden, E = _e, A = _a, Gram = _gram,
            Penalties = _penalties, Offsets = batch.OffsetArray, C = C, R = R, WithPenalty = withPenalty,
        };
        WorkerPool.Shared.For(batch.Count, threads, ref body);
        if (!withPenalty) return 0f;
        double sum = 0;
        for (int b = 0; b < batch.Count; b++) sum += _penalties[b];
        return batch.Count == 0 ? 0f : (float)(sum / batch.Count);
    }

    /// <summary>Per-token weight averaged over hops: weights[b·stride + t] for t &lt; L_b.</summary>
    public void HopAveragedWeights(Span<float> weights, int stride, TokenBatch batch)
    {
        ReadOnlySpan<int> offsets = batch.Offsets;
        for (int b = 0; b < batch.Count; b++)
        {
            int offset = offsets[b], L = offsets[b + 1] - offset;
            Span<float> row = weights.Slice(b * stride, L);
            row.Clear();
            for (int j = 0; j < R; j++) TensorPrimitives.Add(row, _a.AsSpan(R * offset + j * L, L), row);
            TensorPrimitives.Multiply(row, 1f / R, row);
        }
    }

    /// <summary>
    /// dhidden (N, C) += ∂L/∂H from dfeatures[b, 0 .. r·C); parameter gradients accumulated.
    /// <paramref name="penaltyWeight"/> λ adds λ·P to the loss (0 = none; the forward must have computed P).
    /// </summary>
    public void Backward(float[] dhidden, float[] dfeatures, int featureStride, float[] hidden, TokenBatch batch,
        float penaltyWeight, int threads)
    {
        int N = batch.TokenCount;
        ParameterArena arena = _p.Arena;
        var body = new BackwardBody
        {
            DFeatures = dfeatures, Stride = featureStride, Hidden = hidden, DHidden = dhidden, A = _a, DA = _da,
            DE = _e, Gram = _gram, Offsets = batch.OffsetArray, C = C, R = R,
            PenaltyScale = batch.Count == 0 ? 0f : 4f * penaltyWeight / batch.Count,
        };
        WorkerPool.Shared.For(batch.Count, threads, ref body);
        // dU = dE·W2, dW2 += dEᵀ·U; dpre = dU ∘ (1 − U²); dH += dpre·W1, dW1 += dpreᵀ·H.
        Linear.Backward(_du, arena.GradientsOf(_p.PoolW2!), default, _e.AsSpan(0, N * R), _u.AsSpan(0, N * DA),
            arena.ValuesOf(_p.PoolW2!), N, DA, R, accumulateInputGradient: false, threads);
        Span<float> du = _du.AsSpan(0, N * DA), u = _u.AsSpan(0, N * DA);
        for (int i = 0; i < du.Length; i++) du[i] *= 1f - u[i] * u[i];           // tanh' = 1 − tanh²
        Linear.Backward(dhidden, arena.GradientsOf(_p.PoolW1!), default, du, hidden.AsSpan(0, N * C),
            arena.ValuesOf(_p.PoolW1!), N, C, DA, accumulateInputGradient: true, threads);
    }

    private struct ForwardBody : IParallelBody
    {
        public float[] Features, Hidden, E, A, Gram, Penalties;
        public int[] Offsets;
        public int Stride, C, R;
        public bool WithPenalty;

        public readonly void Execute(int b)
        {
            int offset = Offsets[b], L = Offsets[b + 1] - offset;
            Span<float> m = Features.AsSpan(b * Stride, R * C);
            Penalties[b] = 0f;
            if (L == 0)
            {
                m.Clear(); // nothing to attend to: zero features, and no penalty (there is no A to regularise)
                return;
            }
            Span<float> a = A.AsSpan(R * offset, R * L);
            for (int t = 0; t < L; t++)
                for (int j = 0; j < R; j++)
                    a[j * L + t] = E[(offset + t) * R + j];
            for (int j = 0; j < R; j++)
            {
                Span<float> hop = a.Slice(j * L, L);
                Softmax.Forward(hop, hop);
            }
            Gemm.Sgemm(Transpose.No, Transpose.No, R, C, L, 1f, a, L, Hidden.AsSpan(offset * C, L * C), C, 0f, m, C, threads: 1);
            if (!WithPenalty) return;
            Span<float> gram = Gram.AsSpan(b * R * R, R * R);
            Gemm.Sgemm(Transpose.No, Transpose.Yes, R, R, L, 1f, a, L, a, L, 0f, gram, R, threads: 1);
            for (int j = 0; j < R; j++) gram[j * R + j] -= 1f;
            Penalties[b] = TensorPrimitives.SumOfSquares(gram);
        }
    }

    private struct BackwardBody : IParallelBody
    {
        public float[] DFeatures, Hidden, DHidden, A, DA, DE, Gram;
        public int[] Offsets;
        public int Stride, C, R;
        public float PenaltyScale;

        public readonly void Execute(int b)
        {
            int offset = Offsets[b], L = Offsets[b + 1] - offset;
            if (L == 0) return;
            ReadOnlySpan<float> dm = DFeatures.AsSpan(b * Stride, R * C);
            ReadOnlySpan<float> a = A.AsSpan(R * offset, R * L), h = Hidden.AsSpan(offset * C, L * C);
            Span<float> da = DA.AsSpan(R * offset, R * L);
            Gemm.Sgemm(Transpose.No, Transpose.Yes, R, L, C, 1f, dm, C, h, C, 0f, da, L, threads: 1);                  // dA = dM·Hᵀ
            Gemm.Sgemm(Transpose.Yes, Transpose.No, L, C, R, 1f, a, L, dm, C, 1f, DHidden.AsSpan(offset * C, L * C), C, threads: 1); // dH += Aᵀ·dM
            if (PenaltyScale != 0f)
                Gemm.Sgemm(Transpose.No, Transpose.No, R, L, R, PenaltyScale, Gram.AsSpan(b * R * R, R * R), R, a, L, 1f, da, L, threads: 1);
            for (int j = 0; j < R; j++)
            {
                Span<float> hop = da.Slice(j * L, L);
                Softmax.Backward(hop, hop, a.Slice(j * L, L));
            }
            for (int t = 0; t < L; t++)
                for (int j = 0; j < R; j++)
                    DE[(offset + t) * R + j] = da[j * L + t];
        }
    }
}
