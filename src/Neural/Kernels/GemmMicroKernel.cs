// The contract between the blocked GEMM driver (GemmBlock) and its register-tile micro-kernels
// (AVX-512, AVX2+FMA, scalar). A micro-kernel multiplies one packed MR×kc panel of op(A) by one
// packed kc×NR panel of op(B) entirely in registers and updates one MR×NR tile of C — the
// "micro-kernel" of the GotoBLAS/BLIS design (Goto & van de Geijn 2008, "Anatomy of
// High-Performance Matrix Multiplication"; Van Zee & van de Geijn 2015, "BLIS").
//
// Constraints: implementations are structs (the driver is generic over them, so MR and NR are
// JIT-time constants and calls are direct); every C element is computed with the same sequence of
// operations wherever it sits in the tile and wherever the tile sits in C — that is what keeps the
// GEMM bit-identical for any thread count and any tiling of C.
namespace MlNetAttention.Neural.Kernels;

/// <summary>How a micro-kernel combines its product with the existing tile of C.</summary>
internal enum GemmUpdate
{
    /// <summary>C = alpha·AB; C is not read (beta == 0, so NaN or garbage in C never leaks).</summary>
    Overwrite,
    /// <summary>C = alpha·AB + C (beta == 1, and every K block after the first).</summary>
    Accumulate,
    /// <summary>C = alpha·AB + beta·C.</summary>
    Scale,
}

internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows of the register tile (broadcast side, op(A)).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile (vector side, op(B)); a multiple of the vector width.</summary>
    static abstract int NR { get; }

    /// <summary>
    /// Tile C[0..MR, 0..NR) (row stride <paramref name="ldc"/>) = alpha · Σ_k A(r, k) · b[k·NR + j]
    /// combined with C as <paramref name="update"/> says, for k in [0, kc), where A(r, k) is
    /// a[r·rs + k·ks]: a packed panel (rs = 1, ks = MR) or rows of A read in place (rs = lda, ks = 1).
    /// Only the first <paramref name="rows"/> (1..MR) rows of C are read and written (a ragged last
    /// row panel, whose missing rows of A are zero padding). The sum over k runs in order with one
    /// multiply-add per step, so an element's result does not depend on where its tile lies, how many
    /// rows are stored or how A was laid out.
    /// </summary>
    static abstract void Run(int kc, float* a, nint rs, nint ks, float* b, float* c, nint ldc, int rows, float alpha, float beta, GemmUpdate update);
}
