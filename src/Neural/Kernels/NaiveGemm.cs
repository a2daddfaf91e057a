// The reference SGEMM: three loops, no blocking, no SIMD, one thread. It is the test oracle for the
// fast kernel in Gemm.cs and the fallback for tiny shapes; keep it obviously correct, never fast.
namespace MlNetAttention.Neural.Kernels;

public static class NaiveGemm
{
    /// <summary>
    /// C (M×N) = alpha · op(A) (M×K) · op(B) (K×N) + beta · C, all row-major with leading dimensions
    /// lda, ldb, ldc. When beta is 0, C is overwritten without being read (NaN in C does not leak).
    /// </summary>
    public static void Sgemm(Transpose transA, Transpose transB, int M, int N, int K, float alpha,
        ReadOnlySpan<float> A, int lda, ReadOnlySpan<float> B, int ldb, float beta, Span<float> C, int ldc)
    {
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                float sum = 0f;
                for (int k = 0; k < K; k++)
                {
                    float a = transA == Transpose.No ? A[i * lda + k] : A[k * lda + i];
                    float b = transB == Transpose.No ? B[k * ldb + j] : B[j * ldb + k];
                    sum += a * b;
                }
                float previous = beta == 0f ? 0f : beta * C[i * ldc + j];
                C[i * ldc + j] = alpha * sum + previous;
            }
        }
    }
}
