// The single-threaded blocked GEMM over one rectangle of C: the GotoBLAS/BLIS loop nest
// (Goto & van de Geijn 2008; Van Zee & van de Geijn 2015) around a register-tile micro-kernel.
// Vectors run along N (C and packed op(B) are contiguous there) and elements of op(A) are
// broadcast, so the broadcast side (an MR×kc sliver of op(A), ≤ 12 KiB) sits in L1 while packed op(B)
// streams from L2 — BLIS's arrangement with the roles of A and B swapped for row-major C.
//
// Two loop orders, chosen per column block of width nc ≤ NC:
//  - whole-K (K·nc fits the packed-B buffer, always true when K ≤ KC): pack all of op(B)[:, jc] once,
//    then for each MC-row block run every K block back to back, so that block of C is finished
//    while it is in L2 and C makes one trip through memory;
//  - K-blocked (large K, e.g. the weight gradients Xᵀ·dY with K = B·T): for each KC block pack
//    op(B)[pc, jc] and sweep all row blocks; C is then small (M×nc of a weight), so revisiting it is cheap.
// op(A) is read in place when it is not transposed and the panel is full (rows of A are already
// contiguous in k: no packing pass, which matters when N is small), and packed otherwise.
//
// Determinism: K is always cut at the same absolute offsets (multiples of KC), each K block is summed
// in order by the kernel, the first block applies beta and later ones accumulate, and edge tiles run
// the same kernel (storing fewer rows, or on a scratch copy of C) — so each C element gets the same operations whatever rectangle
// of C it was computed in and whichever loop order ran. Callers may split C into any rectangles
// (threads) and get bit-identical results.
using System.Runtime.CompilerServices;

namespace MlNetAttention.Neural.Kernels;

internal static unsafe class GemmBlock
{
    /// <summary>K block: a 32-column packed B panel (KC×32 floats = 32 KiB) and a 12-row A panel fit L1 together.</summary>
    public const int KC = 256;

    /// <summary>Column block: a packed op(B) block KC×NC (512 KiB) fits in a 1 MiB L2 with room for C.</summary>
    public const int NC = 512;

    /// <summary>Floats in the per-thread packed-B buffer; K·nc up to this runs in whole-K order.</summary>
    public const int PackedBFloats = KC * NC;

    /// <summary>
    /// Row block of a packed op(A): MC×KC floats (144 KiB) sit in L2 beside the packed op(B) block. A
    /// multiple of every kernel's MR (12, 6, 4).
    /// </summary>
    public const int MC = 144;

    /// <summary>The largest micro-kernel tile any kernel uses (sizes the per-thread buffers).</summary>
    public const int MaxMR = 12, MaxNR = 32;

    /// <summary>
    /// Computes rows [i0, i0 + rows) × columns [j0, j0 + cols) of C = alpha·op(A)·op(B) + beta·C on the
    /// calling thread, with K ≥ 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TKernel>(in GemmArgs g, int i0, int rows, int j0, int cols) where TKernel : struct, IGemmMicroKernel
    {
        int NR = TKernel.NR;
        GemmBuffers buffers = GemmBuffers.ForCurrentThread();
        for (int jc = 0; jc < cols; jc += NC)
        {
            int nc = Math.Min(NC, cols - jc);
            int ncPadded = (nc + NR - 1) / NR * NR;
            if ((long)g.K * ncPadded <= PackedBFloats)
            {
                // Whole-K order. K block p of packed op(B) starts at p·KC·ncPadded.
                for (int pc = 0; pc < g.K; pc += KC)
                    GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, Math.Min(KC, g.K - pc), j0 + jc, nc, NR, buffers.PackedB + (nint)pc * ncPadded);
                for (int ic = 0; ic < rows; ic += MC)
                    for (int pc = 0; pc < g.K; pc += KC)
                        RowBlock<TKernel>(g, i0 + ic, Math.Min(MC, rows - ic), j0 + jc, nc, pc, buffers.PackedB + (nint)pc * ncPadded, buffers);
            }
            else
            {
                // K-blocked order.
                for (int pc = 0; pc < g.K; pc += KC)
                {
                    GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, Math.Min(KC, g.K - pc), j0 + jc, nc, NR, buffers.PackedB);
                    for (int ic = 0; ic < rows; ic += MC)
                        RowBlock<TKernel>(g, i0 + ic, Math.Min(MC, rows - ic), j0 + jc, nc, pc, buffers.PackedB, buffers);
                }
            }
        }
    }

    // Rows [i, i + mc) of op(A), K block at pc, against every NR-column panel of one packed op(B) K
    // block: C[i.., j0..j0+nc) gets this block's contribution.
    private static void RowBlock<TKernel>(in GemmArgs g, int i, int mc, int j0, int nc, int pc, float* bBlock, GemmBuffers buffers)
        where TKernel : struct, IGemmMicroKernel
    {
        int MR = TKernel.MR, NR = TKernel.NR;
        int kc = Math.Min(KC, g.K - pc);
        GemmUpdate update = pc > 0 ? GemmUpdate.Accumulate : g.FirstUpdate;
        if (g.TransA)
        {
            // op(A) = Aᵀ: pack the whole row block, walking A row by row (sequential reads; reading
            // MR-wide column strips instead hits few cache sets when lda is a power of two).
            GemmPacking.PackATransposedBlock(g.A, g.Lda, i, mc, pc, kc, MR, buffers.PackedA);
        }
        for (int ir = 0; ir < mc; ir += MR)
        {
            int mr = Math.Min(MR, mc - ir);
            float* a;
            nint rs, ks;
            if (g.TransA)
            {
                a = buffers.PackedA + (nint)(ir / MR) * kc * MR;
                rs = 1;
                ks = MR;
            }
            else if (mr == MR)
            {
                a = g.A + (i + ir) * g.Lda + pc; // rows of A in place: element (r, k) at r·lda + k
                rs = g.Lda;
                ks = 1;
            }
            else
            {
                a = buffers.PackedA; // the ragged last panel, zero-padded to MR rows
                GemmPacking.PackA(g.A, g.Lda, i + ir, mr, pc, kc, MR, a);
                rs = 1;
                ks = MR;
            }
            float* cRow = g.C + (i + ir) * g.Ldc + j0;
            for (int jr = 0; jr < nc; jr += NR)
            {
                int nr = Math.Min(NR, nc - jr);
                float* b = bBlock + (nint)(jr / NR) * kc * NR;
                if (nr == NR)
                    TKernel.Run(kc, a, rs, ks, b, cRow + jr, g.Ldc, mr, g.Alpha, g.Beta, update);
                else
                    RunEdge<TKernel>(kc, a, rs, ks, b, cRow + jr, g.Ldc, mr, nr, g.Alpha, g.Beta, update, buffers.EdgeTile);
            }
        }
    }

    // A tile cut by the right edge of C: run the full kernel on a scratch tile holding the valid part
    // of C (so every element sees exactly the operations an interior element sees), then copy the
    // valid part back. (A tile cut only by the bottom edge needs no scratch: the kernel stores mr rows.)
    private static void RunEdge<TKernel>(int kc, float* a, nint rs, nint ks, float* b, float* c, nint ldc, int mr, int nr,
        float alpha, float beta, GemmUpdate update, float* tile) where TKernel : struct, IGemmMicroKernel
    {
        int NR = TKernel.NR;
        if (update != GemmUpdate.Overwrite)
            for (int r = 0; r < mr; r++)
                new ReadOnlySpan<float>(c + r * ldc, nr).CopyTo(new Span<float>(tile + r * NR, nr));
        TKernel.Run(kc, a, rs, ks, b, tile, NR, mr, alpha, beta, update);
        for (int r = 0; r < mr; r++)
            new ReadOnlySpan<float>(tile + r * NR, nr).CopyTo(new Span<float>(c + r * ldc, nr));
    }
}

/// <summary>One validated, pinned GEMM problem: C (M×N) = alpha·op(A)·op(B) + beta·C.</summary>
internal readonly unsafe struct GemmArgs
{
    public readonly float* A, B, C;
    public readonly nint Lda, Ldb, Ldc;
    public readonly bool TransA, TransB;
    public readonly int M, N, K;
    public readonly float Alpha, Beta;

    /// <summary>How the first K block treats C (later blocks always accumulate).</summary>
    public readonly GemmUpdate FirstUpdate;

    public GemmArgs(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb,
        float beta, float* c, int ldc)
    {
        TransA = transA; TransB = transB; M = m; N = n; K = k; Alpha = alpha; Beta = beta;
        A = a; B = b; C = c; Lda = lda; Ldb = ldb; Ldc = ldc;
        FirstUpdate = beta == 0f ? GemmUpdate.Overwrite : beta == 1f ? GemmUpdate.Accumulate : GemmUpdate.Scale;
    }
}
