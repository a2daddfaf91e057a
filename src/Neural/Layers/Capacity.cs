// Growing activation buffers: a buffer is reallocated only when a batch needs more than it holds, so
// after the first batch of the largest capacity no step allocates. Layers split their buffers into
// those every forward needs and those only a training pass (dropout masks, backward scratch) needs,
// so a model that only predicts never pays for training memory.
namespace MlNetAttention.Neural.Layers;

internal static class Capacity
{
    /// <summary>Replaces <paramref name="buffer"/> by a zeroed array of <paramref name="length"/> elements if it is shorter.</summary>
    public static void Ensure<T>(ref T[] buffer, long length) where T : unmanaged
    {
        if (buffer.Length >= length) return;
        if (length > Array.MaxLength)
            throw new InvalidOperationException($"an activation buffer of {length} elements exceeds the largest array; use a smaller batch capacity or MaxLength.");
        buffer = new T[length];
    }
}
