// The position-wise feed-forward network of an encoder block (Vaswani et al. 2017 §3.3) with the
// exact GELU and dropout after the activation, as nn.TransformerEncoderLayer:
//   H = X·W1ᵀ + b1 (N, F),  A = drop(gelu(H)) (N, F),  Y = A·W2ᵀ + b2 (N, C).
// Keeps H (for gelu'), A (the input of linear2) and the mask for the backward.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Layers;

internal sealed class FeedForward
{
    private readonly int C, F;
    private readonly float _dropout;
    private float[] _hidden = [];     // (N, F) pre-activation H
    private float[] _activated = [];  // (N, F) A = drop(gelu(H))
    private float[] _mask = [];       // (N, F) dropout mask (only when dropout > 0)
    private bool _droppedThisPass;

    public FeedForward(int channels, int hidden, float dropout)
    {
        C = channels;
        F = hidden;
        _dropout = dropout;
    }

    public void EnsureCapacity(int rows, bool training)
    {
        Capacity.Ensure(ref _hidden, (long)rows * F);
        Capacity.Ensure(ref _activated, (long)rows * F);
        if (training && _dropout > 0f) Capacity.Ensure(ref _mask, (long)rows * F);
    }

    /// <summary>output (N, C) = FFN(input (N, C)).</summary>
    public void Forward(Span<float> output, ReadOnlySpan<float> input, ParameterArena arena, BlockParameters p,
        int rows, bool training, ulong dropoutKey, int threads)
    {
        Linear.Forward(_hidden, input, arena.ValuesOf(p.Linear1Weight), arena.ValuesOf(p.Linear1Bias), rows, C, F, threads);
        _droppedThisPass = training && _dropout > 0f;
        ParallelKernels.GeluDropoutForward(_activated, _hidden, _mask, rows * F, _droppedThisPass ? _dropout : 0f, dropoutKey, threads);
        Linear.Forward(output, _activated, arena.ValuesOf(p.Linear2Weight), arena.ValuesOf(p.Linear2Bias), rows, F, C, threads);
    }

    /// <summary>dinput (N, C) = ∂L/∂input (overwritten); parameter gradients accumulated.</summary>
    public void Backward(Span<float> dinput, ReadOnlySpan<float> doutput, ReadOnlySpan<float> input,
        ParameterArena arena, BlockParameters p, int rows, BackwardScratch scratch, int threads)
    {
        float[] dhidden = scratch.Hidden;
        Linear.Backward(dhidden, arena.GradientsOf(p.Linear2Weight), arena.GradientsOf(p.Linear2Bias), doutput,
            _activated, arena.ValuesOf(p.Linear2Weight), rows, F, C, accumulateInputGradient: false, threads);
        ParallelKernels.GeluDropoutBackward(dhidden, dhidden, _hidden, _mask, rows * F, _droppedThisPass ? _dropout : 0f, threads);
        Linear.Backward(dinput, arena.GradientsOf(p.Linear1Weight), arena.GradientsOf(p.Linear1Bias), dhidden.AsSpan(0, rows * F),
            input, arena.ValuesOf(p.Linear1Weight), rows, C, F, accumulateInputGradient: false, threads);
    }
}
