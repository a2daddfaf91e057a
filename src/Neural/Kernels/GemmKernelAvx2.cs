// The AVX2 + FMA micro-kernel: a 6×16 tile of C in 12 ymm accumulators (6 rows × 2 vectors of 8
// floats), 2 ymm for the packed B row and 1 for the broadcast A element — 15 of the 16 ymm
// registers. This is the classic Haswell shape (BLIS haswell sgemm 6×16, transposed for row-major
// C): 12 independent FMA chains cover 2 pipes × 5 cycles of latency.
//
// Constraint: only called when Vector256 is hardware accelerated and FMA is supported (otherwise
// Vector256.FusedMultiplyAdd would be emulated in software); checked by Gemm's dispatch.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetAttention.Neural.Kernels;

internal readonly unsafe struct GemmKernelAvx2 : IGemmMicroKernel
{
    public static int MR => 6;
    public static int NR => 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, nint rs, nint ks, float* b, float* c, nint ldc, int rows, float alpha, float beta, GemmUpdate update)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default,
            c20 = default, c21 = default, c30 = default, c31 = default,
            c40 = default, c41 = default, c50 = default, c51 = default;
        // Rows are read through a few base pointers plus 0, rs, 2·rs so every broadcast is one
        // [base + index·4] load, whether A is packed (rs = 1, ks = MR) or read in place (rs = lda, ks = 1).
        float* a0 = a, a3 = a + 3 * rs;
        nint rs2 = 2 * rs;
        for (int k = 0; k < kc; k++)
        {
            Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8), x;
            x = Vector256.Create(a0[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a0[rs]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a0[rs2]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[0]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a3[rs]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a3[rs2]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a0 += ks; a3 += ks;
            b += 16;
        }
        Store(c + 0 * ldc, c00, c01, alpha, beta, update);
        if (rows > 1) Store(c + 1 * ldc, c10, c11, alpha, beta, update);
        if (rows > 2) Store(c + 2 * ldc, c20, c21, alpha, beta, update);
        if (rows > 3) Store(c + 3 * ldc, c30, c31, alpha, beta, update);
        if (rows > 4) Store(c + 4 * ldc, c40, c41, alpha, beta, update);
        if (rows > 5) Store(c + 5 * ldc, c50, c51, alpha, beta, update);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> ab0, Vector256<float> ab1, float alpha, float beta, GemmUpdate update)
    {
        Vector256<float> va = Vector256.Create(alpha);
        if (update == GemmUpdate.Overwrite)
        {
            Vector256.Store(ab0 * va, c);
            Vector256.Store(ab1 * va, c + 8);
        }
        else if (update == GemmUpdate.Accumulate)
        {
            Vector256.Store(Vector256.FusedMultiplyAdd(ab0, va, Vector256.Load(c)), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(ab1, va, Vector256.Load(c + 8)), c + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Vector256.Store(Vector256.FusedMultiplyAdd(ab0, va, Vector256.Load(c) * vb), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(ab1, va, Vector256.Load(c + 8) * vb), c + 8);
        }
    }
}
