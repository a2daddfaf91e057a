// Element-wise kernels spread over the WorkerPool in fixed-size chunks. The chunking depends only on
// the length (never on the thread count) and every chunk is computed independently, so results are
// bit-identical for any number of threads.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Layers;

internal static class ParallelKernels
{
    // 16 K floats = 64 KiB per chunk: big enough to amortise scheduling, small enough to balance.
    private const int ChunkLength = 16 * 1024;

    private static int ChunkCount(int length) => (length + ChunkLength - 1) / ChunkLength;

    /// <summary>mask = fresh dropout mask (stream <paramref name="key"/>); y = x ∘ mask. y may alias x.</summary>
    public static void DropoutForward(Memory<float> y, ReadOnlyMemory<float> x, Memory<float> mask, int length,
        float probability, ulong key, int threads)
    {
        var body = new DropoutBody { Y = y, X = x, Mask = mask, Length = length, Probability = probability, Key = key };
        WorkerPool.Shared.For(ChunkCount(length), threads, ref body);
    }

    /// <summary>
    /// y = gelu(x) ∘ mask over the first <paramref name="length"/> elements, with a fresh dropout mask
    /// (stream <paramref name="key"/>) when <paramref name="probability"/> &gt; 0, else y = gelu(x).
    /// Fused per chunk so the chunk stays in cache between the activation and the mask.
    /// </summary>
    public static void GeluDropoutForward(Memory<float> y, ReadOnlyMemory<float> x, Memory<float> mask, int length,
        float probability, ulong key, int threads)
    {
        var body = new GeluBody { Output = y, Input = x, Mask = mask, Length = length, Probability = probability, Key = key, Backward = false };
        WorkerPool.Shared.For(ChunkCount(length), threads, ref body);
    }

    /// <summary>
    /// dx = (dy ∘ mask) ∘ gelu'(x) (no mask when <paramref name="probability"/> is 0) over the first
    /// <paramref name="length"/> elements; dx may alias dy.
    /// </summary>
    public static void GeluDropoutBackward(Memory<float> dx, ReadOnlyMemory<float> dy, ReadOnlyMemory<float> x,
        ReadOnlyMemory<float> mask, int length, float probability, int threads)
    {
        var body = new GeluBody
        {
            Output = dx, Gradient = dy, Input = x, SavedMask = mask, Length = length, Probability = probability, Backward = true,
        };
        WorkerPool.Shared.For(ChunkCount(length), threads, ref body);
    }

    private struct DropoutBody : IParallelBody
    {
        public Memory<float> Y, Mask;
        public ReadOnlyMemory<float> X;
        public int Length;
        public float Probability;
        public ulong Key;

        public readonly void Execute(int index)
        {
            int start = index * ChunkLength, count = Math.Min(ChunkLength, Length - start);
            Span<float> mask = Mask.Span.Slice(start, count);
            Dropout.FillMask(mask, Probability, Key, start);
            Dropout.Apply(Y.Span.Slice(start, count), X.Span.Slice(start, count), mask);
        }
    }

    private struct GeluBody : IParallelBody
    {
        public Memory<float> Output, Mask;
        public ReadOnlyMemory<float> Input, Gradient, SavedMask;
        public int Length;
        public float Probability;
        public ulong Key;
        public bool Backward;

        public readonly void Execute(int index)
        {
            int start = index * ChunkLength, count = Math.Min(ChunkLength, Length - start);
            Span<float> output = Output.Span.Slice(start, count);
            ReadOnlySpan<float> input = Input.Span.Slice(start, count);
            if (Backward)
            {
                ReadOnlySpan<float> gradient = Gradient.Span.Slice(start, count);
                if (Probability > 0f)
                {
                    Dropout.Apply(output, gradient, SavedMask.Span.Slice(start, count));
                    gradient = output;
                }
                Gelu.Backward(output, gradient, input);
                return;
            }
            Gelu.Forward(output, input);
            if (Probability > 0f)
            {
                Span<float> mask = Mask.Span.Slice(start, count);
                Dropout.FillMask(mask, Probability, Key, start);
                Dropout.Apply(output, output, mask);
            }
        }
    }
}
