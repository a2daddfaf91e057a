// SGEMM entry point used by every layer. For now it forwards to the reference kernel; the blocked,
// packed, multithreaded kernel replaces the body behind this same signature.
namespace MlNetAttention.Neural.Kernels;

public static class Gemm
{
    /// <summary>
    /// C (M×N) = alpha · op(A) (M×K) · op(B) (K×N) + beta · C, row-major with leading dimensions.
    /// <paramref name="threads"/> caps the worker count (0 = all cores). The result must be
    /// bit-identical for any thread count: work is split over blocks of C, never over K.
    /// </summary>
    public static void Sgemm(Transpose transA, Transpose transB, int M, int N, int K, float alpha,
        ReadOnlySpan<float> A, int lda, ReadOnlySpan<float> B, int ldb, float beta, Span<float> C, int ldc,
        int threads = 0)
    {
        NaiveGemm.Sgemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    }
}
