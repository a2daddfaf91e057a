// Multi-head scaled dot-product self-attention (Vaswani et al. 2017 §3.2), as nn.MultiheadAttention
// with batch_first=True, a key-padding mask and dropout on the attention probabilities:
//   [Q K V] = X·W_inᵀ + b_in                                   (N, 3C), W_in = [W_q; W_k; W_v] (3C, C)
//   per sequence b and head h:  P = softmax(Q_bh·K_bhᵀ / √HS)   (L, L), L = length of b
//                               O_bh = drop(P)·V_bh             (L, HS), written to columns h·HS.. of O
//   Y = O·W_outᵀ + b_out                                        (N, C)
// Sequences are packed (TokenBatch): a query only meets keys of its own sequence, never a pad, which
// is exactly the key-padding mask — padded keys get zero weight — with the masked work skipped. The
// (b, h) pairs run in parallel on the WorkerPool; each writes a disjoint block of P and of O, and its
// dropout draws are indexed by its place in the packed P buffer, so results ignore the thread count.
// Backward per (b, h), with P_d = drop(P) and the mask M:
//   dP_d = dO·Vᵀ,  dV = P_dᵀ·dO,  dP = dP_d ∘ M,  dS = P ∘ (dP − rowsum(P ∘ dP)),
//   dQ = dS·K / √HS,  dK = dSᵀ·Q / √HS.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Layers;

internal sealed class MultiHeadSelfAttention
{
    private readonly int C, NH, HS;
    private readonly float _dropout;
    private float[] _qkv = [];       // (N, 3C)
    private float[] _probs = [];     // Σ_b NH·L_b² : P per (b, h), row-major (L, L)
    private float[] _mask = [];      // same layout: dropout mask on P (only when dropout > 0)
    private float[] _dropped = [];   // same layout: P ∘ mask (only when dropout > 0)
    private float[] _context = [];   // (N, C): heads side by side
    private bool _droppedThisPass;

    public MultiHeadSelfAttention(int channels, int heads, float attentionDropout)
    {
        C = channels;
        NH = heads;
        HS = channels / heads;
        _dropout = attentionDropout;
    }

    /// <summary>Buffers for <paramref name="rows"/> tokens and Σ L² ≤ <paramref name="squares"/>; masks only for training.</summary>
    public void EnsureCapacity(int rows, long squares, bool training)
    {
        Capacity.Ensure(ref _qkv, (long)rows * 3 * C);
        Capacity.Ensure(ref _context, (long)rows * C);
        Capacity.Ensure(ref _probs, squares * NH);
        if (!training || _dropout == 0f) return;
        Capacity.Ensure(ref _mask, squares * NH);
        Capacity.Ensure(ref _dropped, squares * NH);
    }

    /// <summary>The attention probabilities of the last forward, Σ_b NH·L_b² floats (tests).</summary>
    internal ReadOnlySpan<float> Probabilities => _probs;

    /// <summary>output (N, C) = MHA(input (N, C)); dropout on P when <paramref name="training"/>.</summary>
    public void Forward(Span<float> output, ReadOnlySpan<float> input, ParameterArena arena, BlockParameters p,
        TokenBatch batch, bool training, ulong dropoutKey, int threads)
    {
        int N = batch.TokenCount;
        Linear.Forward(_qkv, input, arena.ValuesOf(p.InProjWeight), arena.ValuesOf(p.InProjBias), N, C, 3 * C, threads);
        _droppedThisPass = training && _dropout > 0f;
        var body = new ForwardBody
        {
            Qkv = _qkv, Probs = _probs, Mask = _mask, Dropped = _dropped, Context = _context,
            Offsets = batch.OffsetArray, SquareOffsets = batch.SquareOffsetArray,
            C = C, NH = NH, HS = HS, Scale = 1f / MathF.Sqrt(HS),
            Dropout = _droppedThisPass ? _dropout : 0f, Key = dropoutKey,
        };
        WorkerPool.Shared.For(batch.Count * NH, threads, ref body);
        Linear.Forward(output, _context, arena.ValuesOf(p.OutProjWeight), arena.ValuesOf(p.OutProjBias), N, C, C, threads);
    }

    /// <summary>
    /// dinput (N, C) = ∂L/∂input (overwritten); parameter gradients accumulated. Needs the forward's
    /// input; <paramref name="scratch"/> provides dO, dQKV and dP buffers.
    /// </summary>
    public void Backward(Span<float> dinput, ReadOnlySpan<float> doutput, ReadOnlySpan<float> input,
        ParameterArena arena, BlockParameters p, TokenBatch batch, BackwardScratch scratch, int threads)
    {
        int N = batch.TokenCount;
        Linear.Backward(scratch.Context, arena.GradientsOf(p.OutProjWeight), arena.GradientsOf(p.OutProjBias), doutput,
            _context, arena.ValuesOf(p.OutProjWeight), N, C, C, accumulateInputGradient: false, threads);
        var body = new BackwardBody
        {
            Qkv = _qkv, Probs = _probs, Mask = _mask, Dropped = _droppedThisPass ? _dropped : _probs,
            DContext = scratch.Context, DQkv = scratch.Qkv, DProbs = scratch.Probs,
            Offsets = batch.OffsetArray, SquareOffsets = batch.SquareOffsetArray,
            C = C, NH = NH, HS = HS, Scale = 1f / MathF.Sqrt(HS), Dropout = _droppedThisPass,
        };
        WorkerPool.Shared.For(batch.Count * NH, threads, ref body);
        Linear.Backward(dinput, arena.GradientsOf(p.InProjWeight), arena.GradientsOf(p.InProjBias), scratch.Qkv.AsSpan(0, N * 3 * C),
            input, arena.ValuesOf(p.InProjWeight), N, C, 3 * C, accumulateInputGradient: false, threads);
    }

    private struct ForwardBody : IParallelBody
    {
        public float[] Qkv, Probs, Mask, Dropped, Context;
        public int[] Offsets;
        public long[] SquareOffsets;
        public int C, NH, HS;
        public float Scale, Dropout;
        public ulong Key;

        public readonly void Execute(int index)
        {
            var head = new Head(index, Offsets, SquareOffsets, C, NH, HS);
            int L = head.L, block = head.Block;
            if (L == 0) return;
            ReadOnlySpan<float> q = head.Q(Qkv), k = head.K(Qkv), v = head.V(Qkv);
            Span<float> probs = Probs.AsSpan(block, L * L);

            Gemm.Sgemm(Transpose.No, Transpose.Yes, L, L, HS, Scale, q, 3 * C, k, 3 * C, 0f, probs, L, threads: 1); // S
            for (int i = 0; i < L; i++)
            {
                Span<float> row = probs.Slice(i * L, L);
                Softmax.Forward(row, row);
            }
            ReadOnlySpan<float> weights = probs;
            if (Dropout > 0f)
            {
                Span<float> mask = Mask.AsSpan(block, L * L), dropped = Dropped.AsSpan(block, L * L);
                Kernels.Dropout.FillMask(mask, Dropout, Key, block);
                Kernels.Dropout.Apply(dropped, probs, mask);
                weights = dropped;
            }
            Span<float> context = head.Context(Context);
            Gemm.Sgemm(Transpose.No, Transpose.No, L, HS, L, 1f, weights, L, v, 3 * C, 0f, context, C, threads: 1);
        }
    }

    private struct BackwardBody : IParallelBody
    {
        public float[] Qkv, Probs, Mask, Dropped, DContext, DQkv, DProbs;
        public int[] Offsets;
        public long[] SquareOffsets;
        public int C, NH, HS;
        public float Scale;
        public bool Dropout;

        public readonly void Execute(int index)
        {
            var head = new Head(index, Offsets, SquareOffsets, C, NH, HS);
            int L = head.L, block = head.Block;
            if (L == 0) return;
            ReadOnlySpan<float> q = head.Q(Qkv), k = head.K(Qkv), v = head.V(Qkv);
            Span<float> dq = head.Q(DQkv), dk = head.K(DQkv), dv = head.V(DQkv);
            ReadOnlySpan<float> probs = Probs.AsSpan(block, L * L), dropped = Dropped.AsSpan(block, L * L);
            ReadOnlySpan<float> dcontext = head.Context(DContext);
            Span<float> dprobs = DProbs.AsSpan(block, L * L);

            Gemm.Sgemm(Transpose.No, Transpose.Yes, L, L, HS, 1f, dcontext, C, v, 3 * C, 0f, dprobs, L, threads: 1);   // dP_d
            Gemm.Sgemm(Transpose.Yes, Transpose.No, L, HS, L, 1f, dropped, L, dcontext, C, 0f, dv, 3 * C, threads: 1); // dV
            if (Dropout) Kernels.Dropout.Apply(dprobs, dprobs, Mask.AsSpan(block, L * L));                         // dP
            for (int i = 0; i < L; i++)
            {
                Span<float> row = dprobs.Slice(i * L, L);
                Softmax.Backward(row, row, probs.Slice(i * L, L));                                                  // dS
            }
            Gemm.Sgemm(Transpose.No, Transpose.No, L, HS, L, Scale, dprobs, L, k, 3 * C, 0f, dq, 3 * C, threads: 1);  // dQ
            Gemm.Sgemm(Transpose.Yes, Transpose.No, L, HS, L, Scale, dprobs, L, q, 3 * C, 0f, dk, 3 * C, threads: 1); // dK
        }
    }

    /// <summary>
    /// Where work item index = b·NH + h reads and writes, shared by forward and backward so the two agree:
    /// sequence b's length, head h's (L, L) block of the packed P buffers, its Q, K, V columns in the
    /// (N, 3C) buffer (and its gradient) and its columns of the (N, C) context, each a strided (L, HS) view.
    /// </summary>
    private readonly struct Head
    {
        public readonly int L, Block;
        private readonly int _qkvStart, _qkvLength, _contextStart, _contextLength, _channels;

        public Head(int index, int[] offsets, long[] squareOffsets, int C, int NH, int HS)
        {
            int b = index / NH, h = index % NH;
            int offset = offsets[b];
            L = offsets[b + 1] - offset;
            Block = checked((int)(NH * squareOffsets[b] + (long)h * L * L));
            _qkvStart = offset * 3 * C + h * HS;
            _qkvLength = (L - 1) * 3 * C + HS;
            _contextStart = offset * C + h * HS;
            _contextLength = (L - 1) * C + HS;
            _channels = C;
        }

        public Span<float> Q(float[] qkv) => qkv.AsSpan(_qkvStart, _qkvLength);
        public Span<float> K(float[] qkv) => qkv.AsSpan(_qkvStart + _channels, _qkvLength);
        public Span<float> V(float[] qkv) => qkv.AsSpan(_qkvStart + 2 * _channels, _qkvLength);
        public Span<float> Context(float[] context) => context.AsSpan(_contextStart, _contextLength);
    }
}
