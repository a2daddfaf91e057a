// Mean and first-token pooling of the packed token states H (N, C) into a column range of the
// feature matrix (B, P). Mean is over the sequence's real tokens only (pads never count); an empty
// sequence pools to zeros. First-token reads position 0 (e.g. a [CLS] token the trainer prepends).
using System.Numerics.Tensors;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Layers;

internal static class SimplePooling
{
    /// <summary>features[b, column .. column + C) = mean_t H_b[t] (zeros when L_b = 0).</summary>
    public static void MeanForward(float[] features, int stride, int column, float[] hidden, int C, TokenBatch batch)
    {
        ReadOnlySpan<int> offsets = batch.Offsets;
        for (int b = 0; b < batch.Count; b++)
        {
            int offset = offsets[b], L = offsets[b + 1] - offset;
            Span<float> m = features.AsSpan(b * stride + column, C);
            m.Clear();
            for (int t = 0; t < L; t++) TensorPrimitives.Add(m, hidden.AsSpan((offset + t) * C, C), m);
            if (L > 0) TensorPrimitives.Multiply(m, 1f / L, m);
        }
    }

    /// <summary>dhidden[b, t] += dfeatures[b, column .. column + C) / L_b for every real token t.</summary>
    public static void MeanBackward(float[] dhidden, float[] dfeatures, int stride, int column, int C, TokenBatch batch)
    {
        ReadOnlySpan<int> offsets = batch.Offsets;
        for (int b = 0; b < batch.Count; b++)
        {
            int offset = offsets[b], L = offsets[b + 1] - offset;
            if (L == 0) continue;
            ReadOnlySpan<float> dm = dfeatures.AsSpan(b * stride + column, C);
            for (int t = 0; t < L; t++)
            {
                Span<float> row = dhidden.AsSpan((offset + t) * C, C);
                TensorPrimitives.MultiplyAdd(dm, 1f / L, row, row);
            }
        }
    }

    /// <summary>features[b, column .. column + C) = H_b[0] (zeros when L_b = 0).</summary>
    public static void FirstTokenForward(float[] features, int stride, int column, float[] hidden, int C, TokenBatch batch)
    {
        ReadOnlySpan<int> offsets = batch.Offsets;
        for (int b = 0; b < batch.Count; b++)
        {
            Span<float> m = features.AsSpan(b * stride + column, C);
            if (offsets[b + 1] == offsets[b]) m.Clear();
            else hidden.AsSpan(offsets[b] * C, C).CopyTo(m);
        }
    }

    /// <summary>dhidden[b, 0] += dfeatures[b, column .. column + C).</summary>
    public static void FirstTokenBackward(float[] dhidden, float[] dfeatures, int stride, int column, int C, TokenBatch batch)
    {
        ReadOnlySpan<int> offsets = batch.Offsets;
        for (int b = 0; b < batch.Count; b++)
        {
            if (offsets[b + 1] == offsets[b]) continue;
            Span<float> row = dhidden.AsSpan(offsets[b] * C, C);
            TensorPrimitives.Add(row, dfeatures.AsSpan(b * stride + column, C), row);
        }
    }
}
