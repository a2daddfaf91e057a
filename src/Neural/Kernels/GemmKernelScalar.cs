// The portable micro-kernel for hardware without 256-bit SIMD + FMA: a 4×4 tile in 16 scalar
// accumulators. It keeps the blocked driver's cache behaviour (packing, blocking) without SIMD; it
// is the fallback, not a fast path. Plain multiply-add (not MathF.FusedMultiplyAdd, which is emulated
// in software where FMA is missing); the result is still identical for any thread count because
// every element goes through the same operations.
using System.Runtime.CompilerServices;

namespace MlNetAttention.Neural.Kernels;

internal readonly unsafe struct GemmKernelScalar : IGemmMicroKernel
{
    public static int MR => 4;
    public static int NR => 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, nint rs, nint ks, float* b, float* c, nint ldc, int rows, float alpha, float beta, GemmUpdate update)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int k = 0; k < kc; k++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], x;
            x = a[0]; c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = a[rs]; c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = a[2 * rs]; c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = a[3 * rs]; c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
            a += ks;
            b += 4;
        }
        Store(c, c00, c01, c02, c03, alpha, beta, update);
        if (rows > 1) Store(c + ldc, c10, c11, c12, c13, alpha, beta, update);
        if (rows > 2) Store(c + 2 * ldc, c20, c21, c22, c23, alpha, beta, update);
        if (rows > 3) Store(c + 3 * ldc, c30, c31, c32, c33, alpha, beta, update);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, float ab0, float ab1, float ab2, float ab3, float alpha, float beta, GemmUpdate update)
    {
        if (update == GemmUpdate.Overwrite)
        {
            c[0] = alpha * ab0; c[1] = alpha * ab1; c[2] = alpha * ab2; c[3] = alpha * ab3;
        }
        else
        {
            float s = update == GemmUpdate.Accumulate ? 1f : beta;
            c[0] = alpha * ab0 + s * c[0]; c[1] = alpha * ab1 + s * c[1];
            c[2] = alpha * ab2 + s * c[2]; c[3] = alpha * ab3 + s * c[3];
        }
    }
}
