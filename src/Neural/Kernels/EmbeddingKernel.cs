// Embedding lookup (gather) and its backward (scatter-add), rows of `channels` floats. The backward
// accumulates rows in index order, serially, so a token that occurs many times sums its gradients in
// a fixed order: bit-identical results for any thread count.
using System.Numerics.Tensors;

namespace MlNetAttention.Neural.Kernels;

public static class EmbeddingKernel
{
    /// <summary>output[n, :] = table[ids[n], :] for n in [0, ids.Length). output is (N, C), table is (V, C).</summary>
    public static void Gather(Span<float> output, ReadOnlySpan<int> ids, ReadOnlySpan<float> table, int channels)
    {
        Validate(output.Length, ids, table.Length, channels, nameof(output));
        for (int n = 0; n < ids.Length; n++)
            table.Slice(ids[n] * channels, channels).CopyTo(output.Slice(n * channels, channels));
    }

    /// <summary>dtable[ids[n], :] += doutput[n, :] for n in [0, ids.Length), in order.</summary>
    public static void ScatterAdd(Span<float> dtable, ReadOnlySpan<float> doutput, ReadOnlySpan<int> ids, int channels)
    {
        Validate(doutput.Length, ids, dtable.Length, channels, nameof(doutput));
        for (int n = 0; n < ids.Length; n++)
        {
            Span<float> row = dtable.Slice(ids[n] * channels, channels);
            TensorPrimitives.Add(row, doutput.Slice(n * channels, channels), row);
        }
    }

    private static void Validate(int rowsLength, ReadOnlySpan<int> ids, int tableLength, int channels, string rowsName)
    {
        if (channels <= 0) throw new ArgumentException($"channels must be positive, got {channels}.", nameof(channels));
        if (rowsLength < ids.Length * channels)
            throw new ArgumentException($"{rowsName} holds {rowsLength} floats, fewer than {ids.Length} rows × {channels}.", rowsName);
        int vocabulary = tableLength / channels;
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)vocabulary)
                throw new ArgumentException($"id {id} is outside the table's {vocabulary} rows.", nameof(ids));
        }
    }
}
