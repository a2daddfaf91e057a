// Layer normalisation over the last dimension (Ba, Kiros & Hinton 2016), as torch.nn.LayerNorm:
//   y = (x − mean) · rstd · weight + bias,  rstd = 1/√(var + eps),  var biased (divide by C).
// The forward saves mean and rstd per row for the backward (llm.c's layernorm_forward signature).
// Backward, with x̂ = (x − mean)·rstd and g = dy ∘ weight:
//   dweight += Σ_rows dy ∘ x̂,  dbias += Σ_rows dy,  dx += rstd · (g − mean(g) − x̂ · mean(g ∘ x̂)).
// Row work is done with TensorPrimitives; the variance is two-pass (no E[x²] − E[x]² cancellation).
using System.Numerics.Tensors;

namespace MlNetAttention.Neural.Kernels;

public static class LayerNormKernel
{
    /// <summary>
    /// output (N, C), mean (N), rstd (N) from input (N, C), weight (C), bias (C). output may not alias input.
    /// </summary>
    public static void Forward(Span<float> output, Span<float> mean, Span<float> rstd,
        ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        int rows, int channels, float epsilon)
    {
        ValidateShapes(output.Length, mean.Length, rstd.Length, input.Length, weight.Length, bias.Length, rows, channels);
        for (int n = 0; n < rows; n++)
        {
            ForwardRow(output.Slice(n * channels, channels), out mean[n], out rstd[n],
                input.Slice(n * channels, channels), weight, bias, epsilon);
        }
    }

    /// <summary>One row of <see cref="Forward"/>.</summary>
    public static void ForwardRow(Span<float> y, out float mean, out float rstd,
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, float epsilon)
    {
        int channels = x.Length;
        mean = TensorPrimitives.Sum(x) / channels;
        TensorPrimitives.Subtract(x, mean, y);                       // y = x − mean
        float variance = TensorPrimitives.SumOfSquares(y) / channels;
        rstd = 1f / MathF.Sqrt(variance + epsilon);
        TensorPrimitives.Multiply(y, rstd, y);                       // y = x̂
        TensorPrimitives.FusedMultiplyAdd(y, weight, bias, y);       // y = x̂ ∘ weight + bias
    }

    /// <summary>
    /// Accumulates dinput (N, C), dweight (C), dbias (C) from doutput (N, C), the forward's input,
    /// weight, mean and rstd. <paramref name="scratch"/> holds at least 2·C floats.
    /// </summary>
    public static void Backward(Span<float> dinput, Span<float> dweight, Span<float> dbias,
        ReadOnlySpan<float> doutput, ReadOnlySpan<float> input, ReadOnlySpan<float> weight,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> rstd, int rows, int channels, Span<float> scratch)
    {
        ValidateShapes(dinput.Length, mean.Length, rstd.Length, input.Length, weight.Length, dbias.Length, rows, channels);
        if (doutput.Length < rows * channels || dweight.Length != channels)
            throw new ArgumentException($"doutput ({doutput.Length}) or dweight ({dweight.Length}) does not match ({rows}, {channels}).", nameof(doutput));
        if (scratch.Length < 2 * channels)
            throw new ArgumentException($"scratch needs {2 * channels} floats, got {scratch.Length}.", nameof(scratch));
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<float> dy = doutput.Slice(n * channels, channels);
            BackwardRow(dinput.Slice(n * channels, channels), dy, input.Slice(n * channels, channels), weight,
                mean[n], rstd[n], scratch);
            TensorPrimitives.FusedMultiplyAdd(dy, scratch.Slice(0, channels), dweight, dweight); // x̂ left in scratch
            TensorPrimitives.Add(dbias, dy, dbias);
        }
    }

    /// <summary>
    /// dx += rstd·(g − mean(g) − x̂·mean(g∘x̂)) for one row; leaves x̂ in scratch[0..C) so the caller can
    /// accumulate dweight += dy ∘ x̂ in whatever order it needs for determinism.
    /// </summary>
    public static void BackwardRow(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> x,
        ReadOnlySpan<float> weight, float mean, float rstd, Span<float> scratch)
    {
        int channels = x.Length;
        Span<float> normalized = scratch.Slice(0, channels);
        Span<float> g = scratch.Slice(channels, channels);
        TensorPrimitives.Subtract(x, mean, normalized);
        TensorPrimitives.Multiply(normalized, rstd, normalized);     // x̂
        TensorPrimitives.Multiply(dy, weight, g);                    // g = dy ∘ weight
        float gMean = TensorPrimitives.Sum(g) / channels;
        float gxMean = TensorPrimitives.Dot(g, normalized) / channels;
        // g ← (g − gMean − x̂·gxMean)·rstd, then dx += g
        TensorPrimitives.MultiplyAdd(normalized, -gxMean, g, g);
        TensorPrimitives.Subtract(g, gMean, g);
        TensorPrimitives.MultiplyAdd(g, rstd, dx, dx);
    }

    private static void ValidateShapes(int outputLength, int meanLength, int rstdLength, int inputLength,
        int weightLength, int biasLength, int rows, int channels)
    {
        if (rows < 0) throw new ArgumentException($"rows must be non-negative, got {rows}.", nameof(rows));
        if (channels <= 0) throw new ArgumentException($"channels must be positive, got {channels}.", nameof(channels));
        if (outputLength < rows * channels || inputLength < rows * channels)
            throw new ArgumentException($"row buffers ({outputLength}, {inputLength}) are shorter than {rows} × {channels}.", nameof(rows));
        if (meanLength < rows || rstdLength < rows)
            throw new ArgumentException($"mean ({meanLength}) or rstd ({rstdLength}) is shorter than {rows} rows.", nameof(rows));
        if (weightLength != channels || biasLength != channels)
            throw new ArgumentException($"weight ({weightLength}) and bias ({biasLength}) must have {channels} elements.", nameof(channels));
    }
}
