// One pre-LayerNorm Transformer encoder block, as nn.TransformerEncoderLayer(norm_first=True,
// activation="gelu", batch_first=True) (Xiong et al. 2020 for the pre-LN placement):
//   X1 = X  + drop(SelfAttention(LN1(X)))
//   Y  = X1 + drop(FeedForward(LN2(X1)))
// Rows are the batch's packed real tokens (N, C). Backward runs in place on the residual gradient:
// given dY it leaves dX, because the identity paths carry the gradient straight through.
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Layers;

internal sealed class EncoderBlock
{
    private readonly int C;
    private readonly float _residualDropout;
    private readonly BlockParameters _p;
    private readonly LayerNorm _norm1, _norm2;
    private readonly MultiHeadSelfAttention _attention;
    private readonly FeedForward _feedForward;
    private float[] _normed1 = [], _normed2 = [];   // (N, C) LN outputs
    private float[] _attended = [], _fed = [];      // (N, C) branch outputs before dropout
    private float[] _middle = [];                   // (N, C) X1
    private float[] _mask1 = [], _mask2 = [];       // (N, C) residual dropout masks
    private bool _droppedThisPass;

    public EncoderBlock(EncoderClassifierConfig config, BlockParameters parameters)
    {
        C = config.ModelDimension;
        _residualDropout = config.ResidualDropout;
        _p = parameters;
        _norm1 = new LayerNorm(C, config.LayerNormEpsilon);
        _norm2 = new LayerNorm(C, config.LayerNormEpsilon);
        _attention = new MultiHeadSelfAttention(C, config.HeadCount, config.AttentionDropout);
        _feedForward = new FeedForward(C, config.FeedForwardDimension, config.FeedForwardDropout);
    }

    internal MultiHeadSelfAttention Attention => _attention;

    public void EnsureCapacity(int rows, long squares, bool training)
    {
        _norm1.EnsureCapacity(rows, training);
        _norm2.EnsureCapacity(rows, training);
        _attention.EnsureCapacity(rows, squares, training);
        _feedForward.EnsureCapacity(rows, training);
        long size = (long)rows * C;
        Capacity.Ensure(ref _normed1, size);
        Capacity.Ensure(ref _normed2, size);
        Capacity.Ensure(ref _attended, size);
        Capacity.Ensure(ref _fed, size);
        Capacity.Ensure(ref _middle, size);
        if (!training || _residualDropout == 0f) return;
        Capacity.Ensure(ref _mask1, size);
        Capacity.Ensure(ref _mask2, size);
    }

    /// <summary>output (N, C) = block(input (N, C)). <paramref name="dropoutKey"/> seeds this block's four dropout sites.</summary>
    public void Forward(float[] output, float[] input, ParameterArena arena, TokenBatch batch, bool training,
        ulong dropoutKey, int threads)
    {
        int N = batch.TokenCount, size = N * C;
        _droppedThisPass = training && _residualDropout > 0f;
        _norm1.Forward(_normed1, input, arena.ValueMemory(_p.Norm1Weight), arena.ValueMemory(_p.Norm1Bias), N, threads);
        _attention.Forward(_attended, _normed1, arena, _p, batch, training, SplitMix64.At(dropoutKey, 0), threads);
        if (_droppedThisPass)
            ParallelKernels.DropoutForward(_attended, _attended, _mask1, size, _residualDropout, SplitMix64.At(dropoutKey, 1), threads);
        TensorPrimitives.Add(input.AsSpan(0, size), _attended.AsSpan(0, size), _middle.AsSpan(0, size));

        _norm2.Forward(_normed2, _middle, arena.ValueMemory(_p.Norm2Weight), arena.ValueMemory(_p.Norm2Bias), N, threads);
        _feedForward.Forward(_fed, _normed2, arena, _p, N, training, SplitMix64.At(dropoutKey, 2), threads);
        if (_droppedThisPass)
            ParallelKernels.DropoutForward(_fed, _fed, _mask2, size, _residualDropout, SplitMix64.At(dropoutKey, 3), threads);
        TensorPrimitives.Add(_middle.AsSpan(0, size), _fed.AsSpan(0, size), output.AsSpan(0, size));
    }

    /// <summary>On entry <paramref name="dresidual"/> (N, C) holds ∂L/∂output; on exit ∂L/∂input.</summary>
    public void Backward(float[] dresidual, float[] input, ParameterArena arena, TokenBatch batch,
        BackwardScratch scratch, int threads)
    {
        int N = batch.TokenCount, size = N * C;
        _feedForward.Backward(scratch.Norm, BranchGradient(dresidual, _mask2, scratch, size), _normed2, arena, _p, N, scratch, threads);
        _norm2.Backward(dresidual, arena.GradientsOf(_p.Norm2Weight), arena.GradientsOf(_p.Norm2Bias), scratch.Norm,
            _middle, arena.ValueMemory(_p.Norm2Weight), N, threads);                       // dresidual = ∂L/∂X1

        _attention.Backward(scratch.Norm, BranchGradient(dresidual, _mask1, scratch, size), _normed1, arena, _p, batch, scratch, threads);
        _norm1.Backward(dresidual, arena.GradientsOf(_p.Norm1Weight), arena.GradientsOf(_p.Norm1Bias), scratch.Norm,
            input, arena.ValueMemory(_p.Norm1Weight), N, threads);                         // dresidual = ∂L/∂X
    }

    /// <summary>∂L/∂(branch output) from ∂L/∂(residual sum): through the residual dropout mask when it was applied.</summary>
    private ReadOnlySpan<float> BranchGradient(float[] dresidual, float[] mask, BackwardScratch scratch, int size)
    {
        if (!_droppedThisPass) return dresidual.AsSpan(0, size);
        Dropout.Apply(scratch.Branch.AsSpan(0, size), dresidual.AsSpan(0, size), mask.AsSpan(0, size));
        return scratch.Branch.AsSpan(0, size);
    }
}
