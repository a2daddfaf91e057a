// Larger shapes on the multithreaded path: the model's own GEMMs (d=128, FFN 512, B·T = 8192 rows,
// forward and backward transposes) and ragged shapes that cut every block size (KC, NC, task
// rectangles) off-centre. Results are bit-identical whatever the thread count, and match NaiveGemm on
// row slabs (first, middle, last rows: the naive reference on the whole output would take minutes).
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class GemmLargeShapeTests
{
    public static TheoryData<int, int, int, Transpose, Transpose> Shapes() => new()
    {
        { 8192, 384, 128, Transpose.No, Transpose.No },   // QKV projection, forward
        { 8192, 128, 512, Transpose.No, Transpose.No },   // FFN down, forward
        { 8192, 128, 384, Transpose.No, Transpose.Yes },  // dX = dY·Wᵀ of the QKV projection
        { 128, 384, 8192, Transpose.Yes, Transpose.No },  // dW = Xᵀ·dY of the QKV projection
        { 1000, 523, 300, Transpose.Yes, Transpose.Yes }, // ragged everywhere, K > KC
        { 517, 1029, 777, Transpose.No, Transpose.Yes },  // N > 2·NC, K = 3·KC + 9
        { 13, 2000, 70, Transpose.Yes, Transpose.No },    // short and wide: split over columns only
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesNaiveOnRowSlabs(int M, int N, int K, Transpose tA, Transpose tB)
    {
        int lda = (tA == Transpose.No ? K : M) + 3, ldb = (tB == Transpose.No ? N : K) + 1, ldc = N + 5;
        float[] A = GemmTestSupport.Random((tA == Transpose.No ? M : K) * lda, 11);
        float[] B = GemmTestSupport.Random((tB == Transpose.No ? K : N) * ldb, 12);
        float[] c0 = GemmTestSupport.Random(M * ldc, 13);
        var C = (float[])c0.Clone();
        const float alpha = 0.5f, beta = -1f;
        Gemm.Sgemm(tA, tB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);

        int slab = Math.Min(M, 8);
        foreach (int i0 in new[] { 0, (M - slab) / 2, M - slab }.Distinct())
        {
            // Rows [i0, i0+slab) of op(A) start at row i0 of A, or column i0 of A when transposed.
            ReadOnlySpan<float> aSlab = A.AsSpan(tA == Transpose.No ? i0 * lda : i0);
            var expected = new float[slab * ldc];
            Array.Copy(c0, i0 * ldc, expected, 0, Math.Min(expected.Length, c0.Length - i0 * ldc));
            NaiveGemm.Sgemm(tA, tB, slab, N, K, alpha, aSlab, lda, B, ldb, beta, expected, ldc);

            float[] actual = C.AsSpan(i0 * ldc, Math.Min(slab * ldc, C.Length - i0 * ldc)).ToArray();
            Array.Resize(ref actual, slab * ldc);
            float[] c0Slab = c0.AsSpan(i0 * ldc, actual.Length).ToArray();
            var absSums = GemmTestSupport.AbsProductSums(tA, tB, slab, N, K, aSlab.ToArray(), lda, B, ldb);
            GemmTestSupport.AssertClose(slab, N, K, alpha, beta, expected, actual, ldc, absSums, c0Slab, $"{M}x{N}x{K} {tA}{tB} rows {i0}+");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BitIdenticalForAnyThreadCount(int M, int N, int K, Transpose tA, Transpose tB)
    {
        int lda = tA == Transpose.No ? K : M, ldb = tB == Transpose.No ? N : K;
        float[] A = GemmTestSupport.Random(M * K, 21), B = GemmTestSupport.Random(K * N, 22);
        float[] c0 = GemmTestSupport.Random(M * N, 23);
        using var pool = new WorkerPool(4); // so that 3 and 4 threads really run, even on a 2-core machine

        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3, 4 })
        {
            var C = (float[])c0.Clone();
            Gemm.Run(Gemm.BestKernel, tA, tB, M, N, K, 1.5f, A, lda, B, ldb, 0.25f, C, N, threads, parallelMinMacs: 0, pool);
            if (first is null) first = C;
            else Assert.True(first.AsSpan().SequenceEqual(C), $"threads={threads} differs from threads=1");
        }
        // The public entry point (shared pool, default threshold) gives the same bits too.
        var viaSgemm = (float[])c0.Clone();
        Gemm.Sgemm(tA, tB, M, N, K, 1.5f, A, lda, B, ldb, 0.25f, viaSgemm, N, threads: 0);
        Assert.True(first!.AsSpan().SequenceEqual(viaSgemm), "Sgemm with threads=0 differs from threads=1");
    }

    private readonly struct HeadBody(float[] A, float[] B, float[] C, int M, int N, int K) : IParallelBody
    {
        // One "head": its own slices of A, B, C; Sgemm asks for all cores but runs nested, hence serially.
        public void Execute(int h) => Gemm.Sgemm(Transpose.No, Transpose.Yes, M, N, K, 1f, A.AsSpan(h * M * K, M * K), K,
            B.AsSpan(h * N * K, N * K), K, 0f, C.AsSpan(h * M * N, M * N), N, threads: 0);
    }

    [Fact]
    public void ConcurrentAndNestedCallsGiveTheSameBitsAsSerialOnes()
    {
        const int heads = 24, M = 128, N = 128, K = 64; // scores-like, above the parallel threshold
        float[] A = GemmTestSupport.Random(heads * M * K, 31), B = GemmTestSupport.Random(heads * N * K, 32);
        var serial = new float[heads * M * N];
        for (int h = 0; h < heads; h++)
            Gemm.Sgemm(Transpose.No, Transpose.Yes, M, N, K, 1f, A.AsSpan(h * M * K, M * K), K,
                B.AsSpan(h * N * K, N * K), K, 0f, serial.AsSpan(h * M * N, M * N), N, threads: 1);

        // Nested inside the shared pool's own loop ...
        var nested = new float[heads * M * N];
        var body = new HeadBody(A, B, nested, M, N, K);
        WorkerPool.Shared.For(heads, 0, ref body);
        Assert.True(serial.AsSpan().SequenceEqual(nested), "nested calls differ from serial ones");

        // ... and from several unrelated threads at once, all asking for the pool.
        var concurrent = new float[heads * M * N];
        Parallel.For(0, heads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, h => new HeadBody(A, B, concurrent, M, N, K).Execute(h));
        Assert.True(serial.AsSpan().SequenceEqual(concurrent), "concurrent calls differ from serial ones");
    }

    [Theory]
    [InlineData(1, 8192, 384, false)]
    [InlineData(2, 8192, 384, false)]
    [InlineData(3, 128, 384, true)]
    [InlineData(4, 128, 32, false)]
    [InlineData(7, 1000, 523, true)]
    [InlineData(2, 13, 2000, true)]
    [InlineData(16, 20, 40, false)]
    public void PlanCutsCIntoWholeTilesAndEnoughTasks(int threads, int M, int N, bool transA)
    {
        const int MR = 12, NR = 32;
        var (rows, cols) = GemmParallel.Plan(M, N, threads, MR, NR, transA);
        Assert.True(rows > 0 && rows % MR == 0, $"task rows {rows} not a positive multiple of {MR}");
        Assert.True(cols > 0 && cols % NR == 0 && cols <= GemmBlock.NC, $"task cols {cols} not a multiple of {NR} within NC");
        int tasks = (M + rows - 1) / rows * ((N + cols - 1) / cols);
        int wholeTiles = (M + MR - 1) / MR * ((N + NR - 1) / NR);
        Assert.True(tasks >= Math.Min(threads, wholeTiles), $"{M}x{N}: {tasks} tasks for {threads} threads ({wholeTiles} tiles)");
    }

    [Theory]
    [InlineData(128, 384, true, 132, 192)]  // qkv dW = Xᵀ·dY: split columns (re-packing A is cheaper than B)
    [InlineData(512, 128, true, 264, 128)]  // ffn-down dW: split rows
    [InlineData(8192, 384, false, 1032, 384)] // forward: 8 row tasks of 86 panels
    public void PlanPrefersTheSplitThatRepacksLess(int M, int N, bool transA, int expectedRows, int expectedCols)
    {
        Assert.Equal((expectedRows, expectedCols), GemmParallel.Plan(M, N, 2, 12, 32, transA));
    }
}
