// The single-threaded blocked GEMM over one rectangle of C: the GotoBLAS/BLIS loop nest
// (Goto & van de Geijn 2008; Van Zee & van de Geijn 2015) around a register-tile micro-kernel.
//
//   for jc in cols step NC            // column block: its packed op(B) (KC×NC ≤ 512 KiB) stays in L2
//     for pc in K step KC             // K block: one packed op(B) block per (jc, pc)
//       pack op(B)[pc, jc] → Bp
//       for ir in rows step MR        // row panel: its packed op(A) (MR×KC ≤ 12 KiB) stays in L1
//         pack op(A)[ir, pc] → Ap
//         for jr in NC step NR        // micro-tiles stream Bp from L2 against Ap in L1
//           micro-kernel(Ap, Bp[jr]) → C[ir, jr]
//
// Vectors run along N (C and packed B are contiguous there) and elements of op(A) are broadcast, so
// the broadcast side sits in L1 and the vector side streams from L2 — BLIS's arrangement with the
// roles of A and B swapped for row-major C.
//
// Determinism: K is always cut at the same absolute offsets (multiples of KC), each K block is summed
// in order by the kernel, and the first block applies beta while later ones accumulate, so each C
// element gets the same operations whatever rectangle of C it was computed in. Callers may therefore
// split C into any rectangles (threads) and get bit-identical results.
using System.Runtime.CompilerServices;

namespace MlNetAttention.Neural.Kernels;

internal static unsafe class GemmBlock
{
    /// <summary>K block: a 32-column packed B panel (KC×32 floats = 32 KiB) and a 12-row A panel fit L1 together.</summary>
    public const int KC = 256;

    /// <summary>Column block: the packed op(B) block KC×NC (512 KiB) fits in a 1 MiB L2 with room for C.</summary>
    public const int NC = 512;

    /// <summary>The largest micro-kernel tile any kernel uses (sizes the per-thread buffers).</summary>
    public const int MaxMR = 12, MaxNR = 32;

    /// <summary>
    /// Computes rows [i0, i0 + rows) × columns [j0, j0 + cols) of C = alpha·op(A)·op(B) + beta·C on the
    /// calling thread, with K ≥ 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TKernel>(in GemmArgs g, int i0, int rows, int j0, int cols) where TKernel : struct, IGemmMicroKernel
    {
        int MR = TKernel.MR, NR = TKernel.NR;
        GemmBuffers buffers = GemmBuffers.ForCurrentThread();
        float* bp = buffers.PackedB, ap = buffers.PackedA, edge = buffers.EdgeTile;

        for (int jc = 0; jc < cols; jc += NC)
        {
            int nc = Math.Min(NC, cols - jc);
            for (int pc = 0; pc < g.K; pc += KC)
            {
                int kc = Math.Min(KC, g.K - pc);
                GemmUpdate update = pc > 0 ? GemmUpdate.Accumulate : g.FirstUpdate;
                GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, kc, j0 + jc, nc, NR, bp);
                for (int ir = 0; ir < rows; ir += MR)
                {
                    int mr = Math.Min(MR, rows - ir);
                    GemmPacking.PackA(g.TransA, g.A, g.Lda, i0 + ir, mr, pc, kc, MR, ap);
                    float* cRow = g.C + (i0 + ir) * g.Ldc + j0 + jc;
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        float* b = bp + (nint)(jr / NR) * kc * NR;
                        if (mr == MR && nr == NR)
                            TKernel.Run(kc, ap, b, cRow + jr, g.Ldc, g.Alpha, g.Beta, update);
                        else
                            RunEdge<TKernel>(kc, ap, b, cRow + jr, g.Ldc, mr, nr, g.Alpha, g.Beta, update, edge);
                    }
                }
            }
        }
    }

    // A partial tile: run the full kernel on a scratch tile holding the valid part of C (so every
    // element sees exactly the operations an interior element sees), then copy the valid part back.
    private static void RunEdge<TKernel>(int kc, float* a, float* b, float* c, nint ldc, int mr, int nr,
        float alpha, float beta, GemmUpdate update, float* tile) where TKernel : struct, IGemmMicroKernel
    {
        int NR = TKernel.NR;
        if (update != GemmUpdate.Overwrite)
            for (int r = 0; r < mr; r++)
                new ReadOnlySpan<float>(c + r * ldc, nr).CopyTo(new Span<float>(tile + r * NR, nr));
        TKernel.Run(kc, a, b, tile, NR, alpha, beta, update);
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
