// Moving data between the engine's layouts and libtorch tensors, with every shape checked on the
// managed side first: a wrong-shape op inside libtorch can end the test process instead of throwing,
// so nothing reaches it unchecked. The engine packs a batch's real tokens (N, C); the reference works
// on the padded (B, T, C) layout with a key-padding mask, as nn.MultiheadAttention does.
using MlNetAttention.Neural.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAttention.Neural.Tests.Oracle;

internal static class TorchTensors
{
    /// <summary>A float32 tensor of <paramref name="shape"/> holding a copy of <paramref name="values"/>.</summary>
    public static Tensor From(ReadOnlySpan<float> values, params long[] shape)
    {
        long count = 1;
        foreach (long s in shape) count *= s;
        if (count != values.Length)
            throw new ArgumentException($"{values.Length} values do not fill a tensor of shape ({string.Join(", ", shape)}).");
        return tensor(values.ToArray(), shape, ScalarType.Float32);
    }

    /// <summary>A leaf tensor that records its gradient, from a copy of <paramref name="values"/>.</summary>
    public static TorchSharp.Modules.Parameter Leaf(ReadOnlySpan<float> values, params long[] shape) => new(From(values, shape));

    /// <summary>The tensor's values, row-major, after checking its shape.</summary>
    public static float[] Values(Tensor t, params long[] shape)
    {
        if (!t.shape.SequenceEqual(shape))
            throw new ArgumentException($"tensor of shape ({string.Join(", ", t.shape)}) where ({string.Join(", ", shape)}) was expected.");
        return t.detach().contiguous().data<float>().ToArray();
    }

    /// <summary>The gradient libtorch accumulated in a leaf (zeros when nothing reached it).</summary>
    public static float[] Gradient(Tensor leaf)
    {
        Tensor? g = leaf.grad;
        return g is null ? new float[leaf.numel()] : g.contiguous().data<float>().ToArray();
    }

    /// <summary>Every parameter of the arena as a leaf tensor of its own shape, by the engine's name.</summary>
    public static Dictionary<string, TorchSharp.Modules.Parameter> Leaves(ParameterArena arena)
    {
        var leaves = new Dictionary<string, TorchSharp.Modules.Parameter>(StringComparer.Ordinal);
        foreach (ParameterTensor p in arena.Tensors)
            leaves[p.Name] = Leaf(arena.ValuesOf(p), p.Shape.Select(s => (long)s).ToArray());
        return leaves;
    }

    /// <summary>(B, T, C) with the packed rows (N, C) of each sequence at its start and zeros at pads.</summary>
    public static float[] Pad(ReadOnlySpan<float> packed, TokenBatch batch, int T, int C)
    {
        int B = batch.Count;
        ReadOnlySpan<int> offsets = batch.Offsets;
        if (packed.Length < offsets[B] * C) throw new ArgumentException($"packed holds {packed.Length} floats, fewer than {offsets[B]} × {C}.");
        var padded = new float[B * T * C];
        for (int b = 0; b < B; b++)
            packed.Slice(offsets[b] * C, (offsets[b + 1] - offsets[b]) * C).CopyTo(padded.AsSpan(b * T * C));
        return padded;
    }

    /// <summary>The packed rows (N, C) of a padded (B, T, C) array: the inverse of <see cref="Pad"/>.</summary>
    public static float[] Pack(ReadOnlySpan<float> padded, TokenBatch batch, int T, int C)
    {
        int B = batch.Count;
        ReadOnlySpan<int> offsets = batch.Offsets;
        if (padded.Length != B * T * C) throw new ArgumentException($"padded holds {padded.Length} floats, not {B} × {T} × {C}.");
        var packed = new float[offsets[B] * C];
        for (int b = 0; b < B; b++)
            padded.Slice(b * T * C, (offsets[b + 1] - offsets[b]) * C).CopyTo(packed.AsSpan(offsets[b] * C));
        return packed;
    }

    /// <summary>The key-padding mask (B, T): true at pads.</summary>
    public static Tensor PaddingMask(TokenBatch batch, int T)
    {
        var mask = new bool[batch.Count * T];
        ReadOnlySpan<int> lengths = batch.Lengths;
        for (int b = 0; b < batch.Count; b++)
            for (int t = lengths[b]; t < T; t++) mask[b * T + t] = true;
        return tensor(mask, [batch.Count, T]);
    }

    /// <summary>The padded ids (B, T) as int64, 0 at pads.</summary>
    public static Tensor PaddedIds(TokenBatch batch, int T)
    {
        var ids = new long[batch.Count * T];
        for (int b = 0; b < batch.Count; b++)
        {
            ReadOnlySpan<int> row = batch.Row(b);
            for (int t = 0; t < row.Length; t++) ids[b * T + t] = row[t];
        }
        return tensor(ids, [batch.Count, T]);
    }
}
