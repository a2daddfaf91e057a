// Packing for the blocked GEMM: copies a block of op(A) or op(B) into the contiguous, zero-padded
// layout the micro-kernel streams through (Goto & van de Geijn 2008, §5). Packing is what makes the
// four transpose combinations cost the same inside the kernel: the transpose is absorbed here, once
// per block, instead of in the O(M·N·K) inner loop. (A non-transposed A needs no packing except for
// its ragged last panel: the kernel reads its rows in place.) Every routine reads its source
// sequentially (row by row, or four rows side by side for the 4×4 transposes) and deals the pieces
// out to the panels, so the hardware prefetcher can stream it.
//
// Layouts (MR, NR are the micro-kernel's tile sizes):
//   packed A panel: MR rows × kc, k-major — element (r, k) at k·MR + r; rows past the edge are 0;
//                   a packed A block is ⌈rows/MR⌉ such panels, panel p at p·kc·MR.
//   packed B block: ⌈cols/NR⌉ panels of kc × NR, each k-major — element (k, j) of panel p at
//                   p·kc·NR + k·NR + j; columns past the edge are 0.
// Zero padding lets edge tiles run the full kernel; the padded lanes are never stored to C.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetAttention.Neural.Kernels;

internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows [i0, i0 + rows) and columns [p0, p0 + kc) of a non-transposed A into one MR×kc panel
    /// at <paramref name="dst"/>; rows ≤ MR, missing rows are zero-filled. Only the ragged last panel
    /// needs this (full panels of a non-transposed A are read in place), so it stays scalar.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* A, nint lda, int i0, int rows, int p0, int kc, int MR, float* dst)
    {
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

    /// <summary>
    /// Packs rows [i0, i0 + rows) and columns [p0, p0 + kc) of op(A) = Aᵀ into ⌈rows/MR⌉ MR×kc panels
    /// at <paramref name="dst"/> (panel p at p·kc·MR); the last panel's missing rows are zero-filled.
    /// For a fixed k the rows of op(A) are one contiguous run of A, so A is read row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackATransposedBlock(float* A, nint lda, int i0, int rows, int p0, int kc, int MR, float* dst)
    {
        int fullPanels = rows / MR, tail = rows - fullPanels * MR;
        nint panelStride = (nint)kc * MR;
        for (int k = 0; k < kc; k++)
        {
            float* src = A + (p0 + k) * lda + i0;
            float* d = dst + k * MR;
            if (MR == 12 && Vector256.IsHardwareAccelerated)
            {
                for (int p = 0; p < fullPanels; p++)
                {
                    float* s = src + p * 12, t = d + p * panelStride;
                    Vector256.Store(Vector256.Load(s), t);
                    Vector128.Store(Vector128.Load(s + 8), t + 8);
                }
            }
            else
            {
                for (int p = 0; p < fullPanels; p++)
                    Copy(src + p * MR, d + p * panelStride, MR);
            }
            if (tail > 0)
            {
                float* dt = d + fullPanels * panelStride, st = src + fullPanels * MR;
                int r = 0;
                for (; r < tail; r++) dt[r] = st[r];
                for (; r < MR; r++) dt[r] = 0f;
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
        int fullPanels = cols / NR, tail = cols - fullPanels * NR;
        nint panelStride = (nint)kc * NR;
        if (!transB)
        {
            // op(B) = B: walk B row by row (sequential reads, which the hardware prefetcher streams even
            // when B comes from DRAM) and deal each row's NR-float pieces out to the panels.
            for (int k = 0; k < kc; k++)
            {
                float* src = B + (p0 + k) * ldb + j0;
                float* d = dst + k * NR;
                for (int p = 0; p < fullPanels; p++)
                    Copy(src + p * NR, d + p * panelStride, NR);
                if (tail > 0)
                {
                    float* dt = d + fullPanels * panelStride, st = src + fullPanels * NR;
                    int j = 0;
                    for (; j < tail; j++) dt[j] = st[j];
                    for (; j < NR; j++) dt[j] = 0f;
                }
            }
            return;
        }
        for (int jp = 0; jp < cols; jp += NR)
        {
            int nr = Math.Min(NR, cols - jp);
            float* panel = dst + (nint)(jp / NR) * panelStride;
            // op(B) = Bᵀ: column j of op(B) is row j of B, contiguous in k; transpose 4×4 blocks
            // (rows j..j+3 of B, k..k+3) into the panel, scalar at the ragged ends.
            int j4 = Sse.IsSupported ? nr & ~3 : 0, k4 = kc & ~3;
            for (int j = 0; j < j4; j += 4)
            {
                float* src = B + (j0 + jp + j) * ldb + p0;
                for (int k = 0; k < k4; k += 4)
                    Transpose4x4(src + k, ldb, panel + k * NR + j, NR);
                for (int k = k4; k < kc; k++)
                    for (int q = 0; q < 4; q++) panel[k * NR + j + q] = src[q * ldb + k];
            }
            for (int j = j4; j < nr; j++)
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

    // Copies n floats with the widest vectors available (n is a tile size: 4, 6, 12, 16 or 32).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int n)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 16 <= n; j += 16) Vector512.Store(Vector512.Load(src + j), dst + j);
        if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= n; j += 8) Vector256.Store(Vector256.Load(src + j), dst + j);
        for (; j + 4 <= n; j += 4) Vector128.Store(Vector128.Load(src + j), dst + j);
        for (; j < n; j++) dst[j] = src[j];
    }

    // dst[q·dstStride + p] = src[p·srcStride + q] for p, q in 0..3: _MM_TRANSPOSE4_PS (SSE shuffles).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector128<float> r0 = Sse.LoadVector128(src), r1 = Sse.LoadVector128(src + srcStride);
        Vector128<float> r2 = Sse.LoadVector128(src + 2 * srcStride), r3 = Sse.LoadVector128(src + 3 * srcStride);
        Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackHigh(r0, r1);   // a0 b0 a1 b1 | a2 b2 a3 b3
        Vector128<float> t2 = Sse.UnpackLow(r2, r3), t3 = Sse.UnpackHigh(r2, r3);   // c0 d0 c1 d1 | c2 d2 c3 d3
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t2));                  // a0 b0 c0 d0
        Sse.Store(dst + dstStride, Sse.MoveHighToLow(t2, t0));      // a1 b1 c1 d1
        Sse.Store(dst + 2 * dstStride, Sse.MoveLowToHigh(t1, t3));  // a2 b2 c2 d2
        Sse.Store(dst + 3 * dstStride, Sse.MoveHighToLow(t3, t1));  // a3 b3 c3 d3
    }
}
