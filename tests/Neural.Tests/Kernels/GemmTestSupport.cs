// Shared helpers for the GEMM tests: seeded operands, the error bound the fast kernel is held to,
// and the list of micro-kernels this machine can run.
//
// Tolerance (why it is not a tuned number): both NaiveGemm and the fast kernel compute each element
// as a float sum of K products followed by at most three more roundings (alpha·s, beta·c, the add).
// The classic bound for recursive summation of products (Higham, "Accuracy and Stability of
// Numerical Algorithms", 2nd ed., §3.1) gives |computed − exact| ≤ γ_{K+3}·(|α|·Σ_k|a_ik·b_kj| +
// |β·c_ij|), γ_n = n·u/(1 − n·u), u = 2⁻²⁴. The fast kernel sums in a different order (FMA chains,
// K blocks), so the two results can differ by up to twice that bound — that is the tolerance, per
// element, relative to the magnitude Σ|a·b| of that element's own products (so it scales with K).
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Tests.Kernels;

internal static class GemmTestSupport
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>Every micro-kernel the hardware runs natively (the best one is always included).</summary>
    public static IEnumerable<GemmKernelKind> SupportedKernels()
    {
        yield return GemmKernelKind.Scalar;
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported)
            yield return GemmKernelKind.Avx2;
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            yield return GemmKernelKind.Avx512;
    }

    /// <summary>Uniform values in [-1, 1) from a fixed seed.</summary>
    public static float[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>The largest allowed |fast − naive| for one element (see the file header).</summary>
    public static double Tolerance(int K, float alpha, float beta, double absProductSum, float c0)
    {
        double gamma = (K + 3) * UnitRoundoff / (1 - (K + 3) * UnitRoundoff);
        // 1.01 covers the float rounding of absProductSum itself (relative error ≤ γ_K ≪ 1%).
        double magnitude = Math.Abs(alpha) * absProductSum * 1.01 + (beta == 0f ? 0 : Math.Abs(beta * c0));
        return 2 * gamma * magnitude + 1e-35;
    }

    /// <summary>Σ_k |op(A)_ik|·|op(B)_kj| for every element, in double (the scale of each element's rounding error).</summary>
    public static double[] AbsProductSums(Transpose tA, Transpose tB, int M, int N, int K, float[] A, int lda, float[] B, int ldb)
    {
        var sums = new double[M * N];
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
            {
                double s = 0;
                for (int k = 0; k < K; k++)
                {
                    float a = tA == Transpose.No ? A[i * lda + k] : A[k * lda + i];
                    float b = tB == Transpose.No ? B[k * ldb + j] : B[j * ldb + k];
                    s += Math.Abs((double)a * b);
                }
                sums[i * N + j] = s;
            }
        return sums;
    }

    /// <summary>Asserts every element of <paramref name="actual"/> is within the bound of <paramref name="expected"/>.</summary>
    public static void AssertClose(int M, int N, int K, float alpha, float beta, float[] expected, float[] actual, int ldc,
        double[] absProductSums, float[] c0, string context)
    {
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
            {
                float e = expected[i * ldc + j], a = actual[i * ldc + j];
                double tol = Tolerance(K, alpha, beta, absProductSums[i * N + j], c0[i * ldc + j]);
                if (!(Math.Abs((double)e - a) <= tol))
                    Assert.Fail($"{context}: C[{i},{j}] = {a}, naive {e}, |diff| {Math.Abs((double)e - a):G3} > tolerance {tol:G3}");
            }
    }
}
