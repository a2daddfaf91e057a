// One post-LayerNorm Transformer encoder block, the layout of BERT (Devlin et al. 2019) and of the
// original Transformer (Vaswani et al. 2017 §3.1), as Hugging Face's BertLayer:
//   X1 = LN1(X  + drop(SelfAttention(X)))       attention.output.{dense, dropout, LayerNorm}
//   Y  = LN2(X1 + drop(FeedForward(X1)))        intermediate.dense + erf GELU, output.{dense, dropout, LayerNorm}
// It reuses the pre-LN block's layers (MultiHeadSelfAttention with the key-padding mask done by
// packing, FeedForward with the exact GELU); only the placement of the norms differs, so a norm now
// sits on the residual path and the gradient no longer passes straight through:
//   dS2 = LN2ᵀ(dY),  dX1 = dS2 + FFNᵀ(drop(dS2)),  dS1 = LN1ᵀ(dX1),  dX = dS1 + Attnᵀ(drop(dS1)).
// BERT has no dropout inside the FFN; FeedForwardDropout is honoured if set (0 for BERT recipes).
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Layers;

internal sealed class BertBlock
{
    private readonly int C;
    private readonly float _residualDropout;
    private readonly BlockParameters _p;
    private readonly LayerNorm _norm1, _norm2;
    private readonly MultiHeadSelfAttention _attention;
    private readonly FeedForward _feedForward;
    private float[] _sum1 = [], _sum2 = [];   // (N, C) the norms' inputs X + drop(attn), X1 + drop(ffn)
    private float[] _middle = [];            // (N, C) X1
    private float[] _mask1 = [], _mask2 = []; // (N, C) residual dropout masks
    private bool _droppedThisPass;

    public BertBlock(EncoderClassifierConfig config, BlockParameters parameters)
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
        Capacity.Ensure(ref _sum1, size);
        Capacity.Ensure(ref _sum2, size);
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
        _attention.Forward(_sum1, input, arena, _p, batch, training, SplitMix64.At(dropoutKey, 0), threads);
        if (_droppedThisPass)
            ParallelKernels.DropoutForward(_sum1, _sum1, _mask1, size, _residualDropout, SplitMix64.At(dropoutKey, 1), threads);
        TensorPrimitives.Add(_sum1.AsSpan(0, size), input.AsSpan(0, size), _sum1.AsSpan(0, size));
        _norm1.Forward(_middle, _sum1, arena.ValueMemory(_p.Norm1Weight), arena.ValueMemory(_p.Norm1Bias), N, threads);

        _feedForward.Forward(_sum2, _middle, arena, _p, N, training, SplitMix64.At(dropoutKey, 2), threads);
        if (_droppedThisPass)
            ParallelKernels.DropoutForward(_sum2, _sum2, _mask2, size, _residualDropout, SplitMix64.At(dropoutKey, 3), threads);
        TensorPrimitives.Add(_sum2.AsSpan(0, size), _middle.AsSpan(0, size), _sum2.AsSpan(0, size));
        _norm2.Forward(output, _sum2, arena.ValueMemory(_p.Norm2Weight), arena.ValueMemory(_p.Norm2Bias), N, threads);
    }

    /// <summary>On entry <paramref name="dresidual"/> (N, C) holds ∂L/∂output; on exit ∂L/∂input.</summary>
    public void Backward(float[] dresidual, float[] input, ParameterArena arena, TokenBatch batch,
        BackwardScratch scratch, int threads)
    {
        int N = batch.TokenCount, size = N * C;
        Span<float> d = dresidual.AsSpan(0, size), branch = scratch.Norm.AsSpan(0, size);

        NormBackward(_norm2, dresidual, scratch, _sum2, _p.Norm2Weight, _p.Norm2Bias, arena, N, threads);   // d = dS2
        _feedForward.Backward(branch, BranchGradient(dresidual, _mask2, scratch, size), _middle, arena, _p, N, scratch, threads);
        TensorPrimitives.Add(d, branch, d);                                                                 // d = dX1

        NormBackward(_norm1, dresidual, scratch, _sum1, _p.Norm1Weight, _p.Norm1Bias, arena, N, threads);   // d = dS1
        _attention.Backward(branch, BranchGradient(dresidual, _mask1, scratch, size), input, arena, _p, batch, scratch, threads);
        TensorPrimitives.Add(d, branch, d);                                                                 // d = dX
    }

    /// <summary>dresidual ← ∂L/∂(norm input) from ∂L/∂(norm output); scratch.Norm is the temporary
    /// (the layer norm's backward accumulates into a buffer that must not alias its doutput).</summary>
    private static void NormBackward(LayerNorm norm, float[] dresidual, BackwardScratch scratch, float[] normInput,
        ParameterTensor weight, ParameterTensor bias, ParameterArena arena, int rows, int threads)
    {
        int size = rows * weight.Length;
        Span<float> temporary = scratch.Norm.AsSpan(0, size);
        temporary.Clear();
        norm.Backward(scratch.Norm, arena.GradientsOf(weight), arena.GradientsOf(bias), dresidual, normInput,
            arena.ValueMemory(weight), rows, threads);
        temporary.CopyTo(dresidual);
    }

    /// <summary>∂L/∂(branch output) from ∂L/∂(residual sum): through the residual dropout mask when it was applied.</summary>
    private ReadOnlySpan<float> BranchGradient(float[] dresidual, float[] mask, BackwardScratch scratch, int size)
    {
        if (!_droppedThisPass) return dresidual.AsSpan(0, size);
        Dropout.Apply(scratch.Branch.AsSpan(0, size), dresidual.AsSpan(0, size), mask.AsSpan(0, size));
        return scratch.Branch.AsSpan(0, size);
    }
}
