// GEMM must not allocate per call once warm: packing buffers are per thread and reused, the worker
// pool passes its loop body by pointer. Measured with the process-wide allocation counter (worker
// threads count too), in a collection that runs alone; the test runner's own threads can still
// allocate now and then (tiered JIT and timers on a busy machine), so the least of ten rounds is checked: an allocation per GEMM call would
// show in every round.
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Tests.Kernels;

[CollectionDefinition(nameof(GemmAllocationTests), DisableParallelization = true)]
public sealed class GemmAllocationCollection;

[Collection(nameof(GemmAllocationTests))]
public sealed class GemmAllocationTests
{
    [Theory]
    [InlineData(64, 96, 40, Transpose.No, Transpose.Yes, 1)]      // serial path, edge tiles
    [InlineData(1000, 384, 300, Transpose.Yes, Transpose.No, 0)]  // worker pool, all cores
    [InlineData(8192, 128, 128, Transpose.No, Transpose.No, 0)]
    public void SteadyStateCallsDoNotAllocate(int M, int N, int K, Transpose tA, Transpose tB, int threads)
    {
        float[] A = GemmTestSupport.Random(M * K, 1), B = GemmTestSupport.Random(K * N, 2);
        var C = new float[M * N];
        int lda = tA == Transpose.No ? K : M, ldb = tB == Transpose.No ? N : K;
        for (int i = 0; i < 3; i++) // warm-up: per-thread buffers, worker threads, JIT
            Gemm.Sgemm(tA, tB, M, N, K, 1f, A, lda, B, ldb, 0f, C, N, threads);

        long least = long.MaxValue;
        for (int round = 0; round < 10; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 10; i++)
                Gemm.Sgemm(tA, tB, M, N, K, 1f, A, lda, B, ldb, 0.5f, C, N, threads);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Assert.True(least == 0, $"10 calls allocated at least {least} bytes in every round");
    }
}
