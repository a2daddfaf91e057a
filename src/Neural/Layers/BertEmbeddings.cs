// The embedding layer of a BERT-style encoder (Devlin et al. 2019 §3, Figure 2), as Hugging Face's
// BertEmbeddings, with word dropout in front:
//   id'  = [UNK] with probability p_word, else id                           (training only; whole tokens)
//   S[n] = E_word[id'_n] + E_pos[t_n] + E_type[s_n]                         (N, C) kept for the backward
//   X[n] = drop(LN(S[n]))                                                   (N, C)
// Positions t count from 0 within each sequence ([CLS] is 0), as BERT's position_ids; s is the token
// type (segment) of the batch's TokenTypes, 0 unless set. Backward: the dropout mask, the layer norm,
// then scatter-adds into the three tables in token order (deterministic).
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Layers;

internal sealed class BertEmbeddings
{
    private readonly EncoderClassifierConfig _config;
    private readonly ModelParameters _p;
    private readonly LayerNorm _norm;
    private int[] _ids = [];         // (N) ids after word dropout
    private float[] _sum = [];       // (N, C) S, the layer norm's input
    private float[] _dsum = [];      // (N, C) ∂L/∂S (training only)
    private float[] _mask = [];      // (N, C) embedding dropout mask (training only)
    private bool _droppedThisPass;

    public BertEmbeddings(EncoderClassifierConfig config, ModelParameters parameters)
    {
        _config = config;
        _p = parameters;
        _norm = new LayerNorm(config.ModelDimension, config.LayerNormEpsilon);
    }

    public void EnsureCapacity(int rows, bool training)
    {
        long size = (long)rows * _config.ModelDimension;
        Capacity.Ensure(ref _ids, rows);
        Capacity.Ensure(ref _sum, size);
        _norm.EnsureCapacity(rows, training);
        if (!training) return;
        Capacity.Ensure(ref _dsum, size);
        if (_config.EmbeddingDropout > 0f) Capacity.Ensure(ref _mask, size);
    }

    /// <summary>output (N, C) = embeddings of the batch's packed tokens.</summary>
    public void Forward(float[] output, TokenBatch batch, bool training, ulong dropoutKey, int threads)
    {
        int N = batch.TokenCount, C = _config.ModelDimension;
        Span<int> used = _ids.AsSpan(0, N);
        batch.PackedIds.CopyTo(used);
        if (training && _config.WordDropout > 0f)
            Dropout.DropIds(used, _config.WordDropout, _config.UnknownTokenId, SplitMix64.At(dropoutKey, 0));
        ParameterArena arena = _p.Arena;
        Span<float> sum = _sum.AsSpan(0, N * C);
        EmbeddingKernel.Gather(sum, used, arena.ValuesOf(_p.TokenEmbedding), C);
        ReadOnlySpan<float> positions = arena.ValuesOf(_p.PositionEmbedding!), types = arena.ValuesOf(_p.TokenTypeEmbedding!);
        ReadOnlySpan<int> position = batch.Positions, type = batch.TokenTypes;
        for (int n = 0; n < N; n++)
        {
            Span<float> row = sum.Slice(n * C, C);
            TensorPrimitives.Add(row, positions.Slice(position[n] * C, C), row);
            TensorPrimitives.Add(row, types.Slice(type[n] * C, C), row);
        }
        _norm.Forward(output, _sum, arena.ValueMemory(_p.EmbeddingNormWeight!), arena.ValueMemory(_p.EmbeddingNormBias!), N, threads);
        _droppedThisPass = training && _config.EmbeddingDropout > 0f;
        if (_droppedThisPass)
            ParallelKernels.DropoutForward(output, output, _mask, N * C, _config.EmbeddingDropout, SplitMix64.At(dropoutKey, 1), threads);
    }

    /// <summary>Accumulates the table and norm gradients from doutput (N, C); doutput is modified (dropout mask applied).</summary>
    public void Backward(float[] doutput, TokenBatch batch, int threads)
    {
        int N = batch.TokenCount, C = _config.ModelDimension;
        Span<float> dx = doutput.AsSpan(0, N * C);
        if (_droppedThisPass) Dropout.Apply(dx, dx, _mask.AsSpan(0, N * C));
        ParameterArena arena = _p.Arena;
        Span<float> dsum = _dsum.AsSpan(0, N * C);
        dsum.Clear();
        _norm.Backward(_dsum, arena.GradientsOf(_p.EmbeddingNormWeight!), arena.GradientsOf(_p.EmbeddingNormBias!), doutput,
            _sum, arena.ValueMemory(_p.EmbeddingNormWeight!), N, threads);
        EmbeddingKernel.ScatterAdd(arena.GradientsOf(_p.TokenEmbedding), dsum, _ids.AsSpan(0, N), C);
        EmbeddingKernel.ScatterAdd(arena.GradientsOf(_p.PositionEmbedding!), dsum, batch.Positions, C);
        EmbeddingKernel.ScatterAdd(arena.GradientsOf(_p.TokenTypeEmbedding!), dsum, batch.TokenTypes, C);
    }
}
