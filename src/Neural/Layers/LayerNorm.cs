// Layer norm over rows of C channels (torch.nn.LayerNorm(C, eps)), forward and backward, parallel
// over fixed blocks of rows. It keeps the per-row mean and rstd of its last forward for the backward.
// The parameter gradients are reduced deterministically: each fixed row block writes its own partial
// (dweight, dbias), and the partials are summed in block order, whatever the thread count.
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Layers;

internal sealed class LayerNorm
{
    private const int BlockRows = 32;
    private readonly int _channels;
    private readonly float _epsilon;
    private float[] _mean = [], _rstd = [];   // (N)
    private float[] _partials = [];            // (blocks, 2C): dweight then dbias per block
    private float[] _scratch = [];             // (blocks, 2C): per-block row scratch for BackwardRow

    public LayerNorm(int channels, float epsilon)
    {
        _channels = channels;
        _epsilon = epsilon;
    }

    public void EnsureCapacity(int rows, bool training)
    {
        Capacity.Ensure(ref _mean, rows);
        Capacity.Ensure(ref _rstd, rows);
        if (!training) return;
        long blocks = (rows + BlockRows - 1) / BlockRows;
        Capacity.Ensure(ref _partials, blocks * 2 * _channels);
        Capacity.Ensure(ref _scratch, blocks * 2 * _channels);
    }

    /// <summary>output (N, C) = LN(input (N, C)) with weight and bias (C).</summary>
    public void Forward(Memory<float> output, ReadOnlyMemory<float> input, ReadOnlyMemory<float> weight,
        ReadOnlyMemory<float> bias, int rows, int threads)
    {
        var body = new ForwardBody
        {
            Output = output, Input = input, Weight = weight, Bias = bias, Mean = _mean, Rstd = _rstd,
            Rows = rows, C = _channels, Epsilon = _epsilon,
        };
        WorkerPool.Shared.For((rows + BlockRows - 1) / BlockRows, threads, ref body);
    }

    /// <summary>dinput (N, C) += ∂L/∂input; dweight, dbias (C) += their gradients.</summary>
    public void Backward(Memory<float> dinput, Span<float> dweight, Span<float> dbias, ReadOnlyMemory<float> doutput,
        ReadOnlyMemory<float> input, ReadOnlyMemory<float> weight, int rows, int threads)
    {
        int blocks = (rows + BlockRows - 1) / BlockRows;
        var body = new BackwardBody
        {
            DInput = dinput, DOutput = doutput, Input = input, Weight = weight, Mean = _mean, Rstd = _rstd,
            Partials = _partials, Scratch = _scratch, Rows = rows, C = _channels,
        };
        WorkerPool.Shared.For(blocks, threads, ref body);
        int C = _channels;
        for (int k = 0; k < blocks; k++)
        {
            TensorPrimitives.Add(dweight, _partials.AsSpan(k * 2 * C, C), dweight);
            TensorPrimitives.Add(dbias, _partials.AsSpan(k * 2 * C + C, C), dbias);
        }
    }

    private struct ForwardBody : IParallelBody
    {
        public Memory<float> Output, Mean, Rstd;
        public ReadOnlyMemory<float> Input, Weight, Bias;
        public int Rows, C;
        public float Epsilon;

        public readonly void Execute(int index)
        {
            Span<float> output = Output.Span, mean = Mean.Span, rstd = Rstd.Span;
            ReadOnlySpan<float> input = Input.Span, weight = Weight.Span, bias = Bias.Span;
            int end = Math.Min(Rows, (index + 1) * BlockRows);
            for (int n = index * BlockRows; n < end; n++)
                LayerNormKernel.ForwardRow(output.Slice(n * C, C), out mean[n], out rstd[n], input.Slice(n * C, C), weight, bias, Epsilon);
        }
    }

    private struct BackwardBody : IParallelBody
    {
        public Memory<float> DInput, Partials, Scratch;
        public ReadOnlyMemory<float> DOutput, Input, Weight, Mean, Rstd;
        public int Rows, C;

        public readonly void Execute(int index)
        {
            Span<float> dinput = DInput.Span;
            ReadOnlySpan<float> doutput = DOutput.Span, input = Input.Span, weight = Weight.Span, mean = Mean.Span, rstd = Rstd.Span;
            Span<float> dweight = Partials.Span.Slice(index * 2 * C, C), dbias = Partials.Span.Slice(index * 2 * C + C, C);
            Span<float> scratch = Scratch.Span.Slice(index * 2 * C, 2 * C);
            dweight.Clear();
            dbias.Clear();
            int end = Math.Min(Rows, (index + 1) * BlockRows);
            for (int n = index * BlockRows; n < end; n++)
            {
                ReadOnlySpan<float> dy = doutput.Slice(n * C, C);
                LayerNormKernel.BackwardRow(dinput.Slice(n * C, C), dy, input.Slice(n * C, C), weight, mean[n], rstd[n], scratch);
                TensorPrimitives.FusedMultiplyAdd(dy, scratch.Slice(0, C), dweight, dweight); // x̂ is in scratch
                TensorPrimitives.Add(dbias, dy, dbias);
            }
        }
    }
}
