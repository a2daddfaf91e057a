// Token + position embeddings of the packed tokens, with word dropout and embedding dropout:
//   id'  = [UNK] with probability p_word, else id            (training only; whole tokens)
//   X[n] = drop(E_tok[id'_n] + PE[t_n])                       (N, C)
// PE is the learned table (nn.Embedding(maxlen, C)), the fixed sinusoids of Vaswani et al. 2017 §3.5
// (computed once in double), or absent. The [PAD] row of E_tok never gets a gradient: packed tokens
// are never 0 (padding_idx=0 semantics). Backward scatter-adds into the tables in token order.
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Layers;

internal sealed class Embeddings
{
    private readonly EncoderClassifierConfig _config;
    private readonly ModelParameters _p;
    private readonly float[]? _sinusoids;   // (MaxLength, C) when PositionEncoding = Sinusoidal
    private int[] _ids = [];                // (N) ids after word dropout
    private float[] _mask = [];             // (N, C) embedding dropout mask
    private bool _droppedThisPass;

    public Embeddings(EncoderClassifierConfig config, ModelParameters parameters)
    {
        _config = config;
        _p = parameters;
        if (config.PositionEncoding == PositionEncodingKind.Sinusoidal)
            _sinusoids = Sinusoids(config.MaxLength, config.ModelDimension);
    }

    /// <summary>PE[t, 2i] = sin(t / 10000^(2i/C)), PE[t, 2i+1] = cos(t / 10000^(2i/C)), in double, rounded once.</summary>
    public static float[] Sinusoids(int length, int channels)
    {
        var table = new float[length * channels];
        for (int t = 0; t < length; t++)
        {
            for (int c = 0; c < channels; c++)
            {
                double angle = t / Math.Pow(10000.0, (c - c % 2) / (double)channels);
                table[t * channels + c] = (float)(c % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        }
        return table;
    }

    public void EnsureCapacity(int rows, bool training)
    {
        Capacity.Ensure(ref _ids, rows);
        if (training && _config.EmbeddingDropout > 0f) Capacity.Ensure(ref _mask, (long)rows * _config.ModelDimension);
    }

    /// <summary>output (N, C) = embeddings of the batch's packed tokens.</summary>
    public void Forward(float[] output, TokenBatch batch, bool training, ulong dropoutKey, int threads)
    {
        int N = batch.TokenCount, C = _config.ModelDimension;
        ReadOnlySpan<int> ids = batch.PackedIds, positions = batch.Positions;
        Span<int> used = _ids.AsSpan(0, N);
        ids.CopyTo(used);
        if (training && _config.WordDropout > 0f)
            Dropout.DropIds(used, _config.WordDropout, _config.UnknownTokenId, SplitMix64.At(dropoutKey, 0));
        ParameterArena arena = _p.Arena;
        Span<float> x = output.AsSpan(0, N * C);
        EmbeddingKernel.Gather(x, used, arena.ValuesOf(_p.TokenEmbedding), C);
        ReadOnlySpan<float> positionTable = _p.PositionEmbedding is { } learned ? arena.ValuesOf(learned) : _sinusoids;
        if (!positionTable.IsEmpty)
        {
            for (int n = 0; n < N; n++)
            {
                Span<float> row = x.Slice(n * C, C);
                TensorPrimitives.Add(row, positionTable.Slice(positions[n] * C, C), row);
            }
        }
        _droppedThisPass = training && _config.EmbeddingDropout > 0f;
        if (_droppedThisPass)
            ParallelKernels.DropoutForward(output, output, _mask, N * C, _config.EmbeddingDropout, SplitMix64.At(dropoutKey, 1), threads);
    }

    /// <summary>Accumulates the table gradients from doutput (N, C); doutput is modified (dropout mask applied).</summary>
    public void Backward(float[] doutput, TokenBatch batch)
    {
        int N = batch.TokenCount, C = _config.ModelDimension;
        Span<float> dx = doutput.AsSpan(0, N * C);
        if (_droppedThisPass) Dropout.Apply(dx, dx, _mask.AsSpan(0, N * C));
        ParameterArena arena = _p.Arena;
        EmbeddingKernel.ScatterAdd(arena.GradientsOf(_p.TokenEmbedding), dx, _ids.AsSpan(0, N), C);
        if (_p.PositionEmbedding is { } learned)
            EmbeddingKernel.ScatterAdd(arena.GradientsOf(learned), dx, batch.Positions, C);
    }
}
