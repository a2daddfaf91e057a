// A linear map over rows, y = x·Wᵀ + b (nn.Linear: W is (out, in)), forward and backward, with every
// matrix product through Gemm.Sgemm. Shapes: x (N, in), W (out, in), b (out), y (N, out).
// Backward: dx = dy·W (overwritten or accumulated, as the caller asks), dW += dyᵀ·x, db += Σ_rows dy.
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Layers;

internal static class Linear
{
    /// <summary>y (N, out) = x (N, in) · Wᵀ + b; an empty <paramref name="b"/> means no bias.</summary>
    public static void Forward(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        int rows, int inputs, int outputs, int threads)
    {
        if (rows == 0) return;
        Gemm.Sgemm(Transpose.No, Transpose.Yes, rows, outputs, inputs, 1f, x, inputs, w, inputs, 0f, y, outputs, threads);
        if (!b.IsEmpty) AddBias(y, b, rows, outputs);
    }

    /// <summary>
    /// dW (out, in) += dyᵀ·x; db (out) += Σ_rows dy (skipped when empty); dx (N, in) = dy·W, or += when
    /// <paramref name="accumulateInputGradient"/> (skipped when dx is empty).
    /// </summary>
    public static void Backward(Span<float> dx, Span<float> dw, Span<float> db, ReadOnlySpan<float> dy,
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, int rows, int inputs, int outputs,
        bool accumulateInputGradient, int threads)
    {
        if (rows == 0)
        {
            return;
        }
        if (!dx.IsEmpty)
        {
            Gemm.Sgemm(Transpose.No, Transpose.No, rows, inputs, outputs, 1f, dy, outputs, w, inputs,
                accumulateInputGradient ? 1f : 0f, dx, inputs, threads);
        }
        Gemm.Sgemm(Transpose.Yes, Transpose.No, outputs, inputs, rows, 1f, dy, outputs, x, inputs, 1f, dw, inputs, threads);
        if (!db.IsEmpty) SumRows(db, dy, rows, outputs);
    }

    /// <summary>y[n, :] += b for every row.</summary>
    public static void AddBias(Span<float> y, ReadOnlySpan<float> b, int rows, int columns)
    {
        for (int n = 0; n < rows; n++)
        {
            Span<float> row = y.Slice(n * columns, columns);
            TensorPrimitives.Add(row, b, row);
        }
    }

    /// <summary>sum += Σ_n x[n, :], rows added in order (deterministic).</summary>
    public static void SumRows(Span<float> sum, ReadOnlySpan<float> x, int rows, int columns)
    {
        for (int n = 0; n < rows; n++) TensorPrimitives.Add(sum, x.Slice(n * columns, columns), sum);
    }
}
