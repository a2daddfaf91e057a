// Packing for the blocked GEMM: copies a block of op(A) or op(B) into the contiguous, zero-padded
// layout the micro-kernel streams through (Goto & van de Geijn 2008, §5). Packing is what makes the
// four transpose combinations cost the same inside the kernel: the transpose is absorbed here, once
// per block, instead of in the O(M·N·K) inner loop.
//
// Layouts (MR, NR are the micro-kernel's tile sizes):
//   packed A panel: MR rows × kc, k-major — element (r, k) at k·MR + r; rows past the edge are 0.
//   packed B block: ⌈cols/NR⌉ panels of kc × NR, each k-major — element (k, j) of panel p at
//                   p·kc·NR + k·NR + j; columns past the edge are 0.
// Zero padding lets edge tiles run the full kernel; the padded lanes are never stored to C.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetAttention.Neural.Kernels;

internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows [i0, i0 + rows) and columns [p0, p0 + kc) of op(A) into one MR×kc panel at
    /// <paramref name="dst"/>; rows ≤ MR, missing rows are zero-filled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* A, nint lda, int i0, int rows, int p0, int kc, int MR, float* dst)
    {
        if (!transA)
        {
            // op(A) = A: row i is contiguous in k; scatter each row into a column of the panel.
            for (int r = 0; r < rows; r++)
            {
                float* src = A + (i0 + r) * lda + p0;
                float* d = dst + r;
                for (int k = 0; k < kc; k++)
                    d[k * MR] = src[k];
            }
            for (int r = rows; r < MR; r++)
            {
                float* d = dst + r;
                for (int k = 0; k < kc; k++)
                    d[k * MR] = 0f;
            }
        }
        else
        {
            // op(A) = Aᵀ: for a fixed k the MR rows of op(A) are contiguous in memory (one row of A).
            for (int k = 0; k < kc; k++)
            {
                float* src = A + (p0 + k) * lda + i0;
                float* d = dst + k * MR;
                int r = 0;
                for (; r < rows; r++) d[r] = src[r];
                for (; r < MR; r++) d[r] = 0f;
            }
        }
    }

    /// <summary>
    /// Packs rows [p0, p0 + kc) and columns [j0, j0 + cols) of op(B) into ⌈cols/NR⌉ kc×NR panels at
    /// <paramref name="dst"/>; the last panel's missing columns are zero-filled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* B, nint ldb, int p0, int kc, int j0, int cols, int NR, float* dst)
    {
        for (int jp = 0; jp < cols; jp += NR)
        {
            int nr = Math.Min(NR, cols - jp);
            float* panel = dst + (nint)(jp / NR) * kc * NR;
            if (!transB)
            {
                // op(B) = B: each k row of the panel is nr contiguous floats of a row of B.
                for (int k = 0; k < kc; k++)
                {
                    float* src = B + (p0 + k) * ldb + j0 + jp;
                    float* d = panel + k * NR;
                    if (nr == NR) CopyFull(src, d, NR);
                    else
                    {
                        int j = 0;
                        for (; j < nr; j++) d[j] = src[j];
                        for (; j < NR; j++) d[j] = 0f;
                    }
                }
            }
            else
            {
                // op(B) = Bᵀ: column j of op(B) is row j of B, contiguous in k; scatter it down the panel.
                for (int j = 0; j < nr; j++)
                {
                    float* src = B + (j0 + jp + j) * ldb + p0;
                    float* d = panel + j;
                    for (int k = 0; k < kc; k++)
                        d[k * NR] = src[k];
                }
                for (int j = nr; j < NR; j++)
                {
                    float* d = panel + j;
                    for (int k = 0; k < kc; k++)
                        d[k * NR] = 0f;
                }
            }
        }
    }

    // Copies n floats (n a multiple of 4, the smallest NR) with the widest vectors available.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyFull(float* src, float* dst, int n)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 16 <= n; j += 16) Vector512.Store(Vector512.Load(src + j), dst + j);
        if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= n; j += 8) Vector256.Store(Vector256.Load(src + j), dst + j);
        for (; j + 4 <= n; j += 4) Vector128.Store(Vector128.Load(src + j), dst + j);
        for (; j < n; j++) dst[j] = src[j];
    }
}
