// SGEMM entry point used by every layer: validates arguments, handles the degenerate cases, picks
// the widest micro-kernel the hardware runs (AVX-512 12×32, AVX2+FMA 6×16, scalar 4×4) and decides
// between one thread and the worker pool. The blocked algorithm is in GemmBlock, packing in
// GemmPacking, the split over threads in GemmParallel; NaiveGemm is the test oracle.
//
// Contract: row-major with leading dimensions; beta == 0 means C is not read (NaN in C never
// leaks); `threads` caps the workers (0 = all cores); the result is bit-identical for any thread
// count because work is split over blocks of C, never over K. C must not overlap A or B.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Kernels;

/// <summary>The micro-kernel family a GEMM runs with (internal: tests and benchmarks force each one).</summary>
internal enum GemmKernelKind
{
    Scalar,
    Avx2,
    Avx512,
}

public static class Gemm
{
    /// <summary>
    /// Below this many multiply-adds (M·N·K) a GEMM runs on the calling thread. One thread does about
    /// 10⁵ multiply-adds per microsecond here, so 2²⁰ is ~10 µs of work. `bench gemm --threshold`
    /// (bench/GemmThresholdStudy.cs) measured, on 2 cores, WorkerPool dispatch at 0.25-0.4 µs when
    /// both cores are free, two threads first winning around 2¹⁸-2²⁰ (64³: 235 vs 173 GFLOP/s;
    /// 128×128×64: 380 vs 213), and losing badly below that or whenever another process holds a core;
    /// 2²⁰ keeps the engine's per-head attention GEMMs (2¹⁹, already parallel over heads) serial.
    /// </summary>
    internal const long ParallelMinMacs = 1L << 20;

    /// <summary>The widest micro-kernel this machine runs well.</summary>
    internal static readonly GemmKernelKind BestKernel =
        Vector512.IsHardwareAccelerated ? GemmKernelKind.Avx512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmKernelKind.Avx2
        : GemmKernelKind.Scalar;

    /// <summary>
    /// C (M×N) = alpha · op(A) (M×K) · op(B) (K×N) + beta · C, row-major with leading dimensions.
    /// <paramref name="threads"/> caps the worker count (0 = all cores). The result must be
    /// bit-identical for any thread count: work is split over blocks of C, never over K.
    /// </summary>
    /// <remarks>
    /// Problems under <see cref="ParallelMinMacs"/> multiply-adds run on the calling thread. For many
    /// small independent GEMMs (attention per (batch, head)), parallelise the outer loop with
    /// <see cref="WorkerPool.For{TBody}"/>: a Sgemm called from inside a pool body runs serially on
    /// that thread whatever <paramref name="threads"/> says, and gives the same bits.
    /// </remarks>
    public static void Sgemm(Transpose transA, Transpose transB, int M, int N, int K, float alpha,
        ReadOnlySpan<float> A, int lda, ReadOnlySpan<float> B, int ldb, float beta, Span<float> C, int ldc,
        int threads = 0)
    {
        Run(BestKernel, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, threads, ParallelMinMacs);
    }

    /// <summary>Sgemm with the kernel and the serial threshold chosen by the caller (tests, benchmarks).</summary>
    internal static unsafe void Run(GemmKernelKind kernel, Transpose transA, Transpose transB, int M, int N, int K,
        float alpha, ReadOnlySpan<float> A, int lda, ReadOnlySpan<float> B, int ldb, float beta, Span<float> C, int ldc,
        int threads, long parallelMinMacs, WorkerPool? pool = null)
    {
        Validate(transA, transB, M, N, K, A, lda, B, ldb, C, ldc, threads);
        if (M == 0 || N == 0) return;
        if (K == 0)
        {
            ScaleC(M, N, beta, C, ldc);
            return;
        }

        pool ??= WorkerPool.Shared;
        int workers = threads == 0 ? pool.ThreadCount : Math.Min(threads, pool.ThreadCount);
        if ((long)M * N * K < parallelMinMacs) workers = 1;

        fixed (float* a = A, b = B, c = C)
        {
            var g = new GemmArgs(transA == Transpose.Yes, transB == Transpose.Yes, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc);
            switch (kernel)
            {
                case GemmKernelKind.Avx512: Dispatch<GemmKernelAvx512>(g, workers, pool); break;
                case GemmKernelKind.Avx2: Dispatch<GemmKernelAvx2>(g, workers, pool); break;
                default: Dispatch<GemmKernelScalar>(g, workers, pool); break;
            }
        }
    }

    private static void Dispatch<TKernel>(in GemmArgs g, int workers, WorkerPool pool) where TKernel : struct, IGemmMicroKernel
    {
        if (workers <= 1) GemmBlock.Run<TKernel>(g, 0, g.M, 0, g.N);
        else GemmParallel.Run<TKernel>(g, workers, pool);
    }

    // K == 0: op(A)·op(B) is the zero matrix, so C = beta·C (and C is not read when beta == 0).
    private static void ScaleC(int M, int N, float beta, Span<float> C, int ldc)
    {
        for (int i = 0; i < M; i++)
        {
            Span<float> row = C.Slice(i * ldc, N);
            if (beta == 0f) row.Clear();
            else if (beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    private static void Validate(Transpose transA, Transpose transB, int M, int N, int K,
        ReadOnlySpan<float> A, int lda, ReadOnlySpan<float> B, int ldb, Span<float> C, int ldc, int threads)
    {
        CheckTranspose(transA, nameof(transA));
        CheckTranspose(transB, nameof(transB));
        if (M < 0) throw new ArgumentOutOfRangeException(nameof(M), M, "The row count of C cannot be negative.");
        if (N < 0) throw new ArgumentOutOfRangeException(nameof(N), N, "The column count of C cannot be negative.");
        if (K < 0) throw new ArgumentOutOfRangeException(nameof(K), K, "The inner dimension cannot be negative.");
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread cap cannot be negative (0 means all cores).");
        // Stored shapes: A is M×K (K×M when transposed), B is K×N (N×K when transposed), C is M×N.
        CheckOperand(A.Length, nameof(A), nameof(lda), lda, transA == Transpose.No ? M : K, transA == Transpose.No ? K : M);
        CheckOperand(B.Length, nameof(B), nameof(ldb), ldb, transB == Transpose.No ? K : N, transB == Transpose.No ? N : K);
        CheckOperand(C.Length, nameof(C), nameof(ldc), ldc, M, N);
    }

    private static void CheckTranspose(Transpose t, string name)
    {
        if (t is not (Transpose.No or Transpose.Yes))
            throw new ArgumentOutOfRangeException(name, t, "Expected Transpose.No or Transpose.Yes.");
    }

    // BLAS convention: the leading dimension is at least max(1, row length) even for empty matrices.
    private static void CheckOperand(int length, string name, string ldName, int ld, int rows, int cols)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException(ldName, ld,
                $"The leading dimension of {name} must be at least its stored row length max(1, {cols}).");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException(
                $"{name} holds {length} floats but a {rows}×{cols} matrix with leading dimension {ld} needs {needed}.", name);
    }
}
