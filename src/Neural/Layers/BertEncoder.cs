// The BERT-style encoder (EncoderKind.Bert): BertEmbeddings, then L post-LN BertBlocks; the last
// block's output is the per-token state the heads pool (no final norm: a post-LN block ends normalised).
// It owns the states between layers, (N, C) each, which the backward needs as the blocks' inputs.
// Dropout keys follow the scratch encoder's: embeddings at step key 0, block l at 1 + l.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Layers;

internal sealed class BertEncoder
{
    private readonly int C;
    private readonly BertEmbeddings _embeddings;
    private readonly BertBlock[] _blocks;
    private readonly float[][] _states;   // L of (N, C): the embeddings' output, then blocks 0 .. L−2's

    public BertEncoder(EncoderClassifierConfig config, ModelParameters parameters)
    {
        C = config.ModelDimension;
        _embeddings = new BertEmbeddings(config, parameters);
        _blocks = new BertBlock[config.LayerCount];
        for (int i = 0; i < _blocks.Length; i++) _blocks[i] = new BertBlock(config, parameters.Blocks[i]);
        _states = new float[_blocks.Length][];
        for (int l = 0; l < _states.Length; l++) _states[l] = [];
    }

    internal BertBlock[] Blocks => _blocks;

    public void EnsureCapacity(int rows, long squares, bool training)
    {
        _embeddings.EnsureCapacity(rows, training);
        foreach (BertBlock block in _blocks) block.EnsureCapacity(rows, squares, training);
        for (int l = 0; l < _states.Length; l++) Capacity.Ensure(ref _states[l], (long)rows * C);
    }

    /// <summary>hidden (N, C) = the last layer's states of the batch's packed tokens.</summary>
    public void Forward(float[] hidden, ParameterArena arena, TokenBatch batch, bool training, ulong stepKey, int threads)
    {
        int L = _blocks.Length;
        _embeddings.Forward(L == 0 ? hidden : _states[0], batch, training, SplitMix64.At(stepKey, 0), threads);
        for (int l = 0; l < L; l++)
            _blocks[l].Forward(l == L - 1 ? hidden : _states[l + 1], _states[l], arena, batch, training, SplitMix64.At(stepKey, 1 + l), threads);
    }

    /// <summary>Accumulates every encoder gradient from ∂L/∂hidden, held in <paramref name="dhidden"/> (N, C), which is consumed.</summary>
    public void Backward(float[] dhidden, ParameterArena arena, TokenBatch batch, BackwardScratch scratch, int threads)
    {
        for (int l = _blocks.Length - 1; l >= 0; l--)
            _blocks[l].Backward(dhidden, _states[l], arena, batch, scratch, threads);
        _embeddings.Backward(dhidden, batch, threads);
    }
}
