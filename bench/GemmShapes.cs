// The GEMM shapes of the reference model (d = 128, 4 heads of 32, FFN 512, 4 pooling hops, T ≤ 128,
// batch 64, so B·T = 8192 rows), forward and backward, as `bench gemm` measures them. Weights are
// stored (in, out) row-major, so y = x·W; backward is dX = dY·Wᵀ (NT) and dW = Xᵀ·dY (TN).
// Per-head attention GEMMs are tiny, so they are measured as a batch of B·heads = 256 independent
// problems, which is how both engines run them (torch: one batched matmul; ours: WorkerPool over
// heads, one single-threaded Sgemm each).
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Bench;

internal sealed record GemmShape(string Name, int M, int N, int K, Transpose TransA, Transpose TransB, int Batch = 1)
{
    /// <summary>Floating-point operations of one run (all batch items): 2·M·N·K each.</summary>
    public double Flops => 2.0 * M * N * K * Batch;

    /// <summary>"M,N,K,tA,tB,batch": the form torch_matmul.py takes and echoes back.</summary>
    public string Spec => $"{M},{N},{K},{(TransA == Transpose.Yes ? "T" : "N")},{(TransB == Transpose.Yes ? "T" : "N")},{Batch}";

    public string Label => $"{M}x{N}x{K} {(TransA == Transpose.Yes ? "T" : "N")}{(TransB == Transpose.Yes ? "T" : "N")}" + (Batch > 1 ? $" x{Batch}" : "");

    public static IReadOnlyList<GemmShape> Model { get; } =
    [
        new("qkv fwd", 8192, 384, 128, Transpose.No, Transpose.No),
        new("attn-out fwd", 8192, 128, 128, Transpose.No, Transpose.No),
        new("ffn-up fwd", 8192, 512, 128, Transpose.No, Transpose.No),
        new("ffn-down fwd", 8192, 128, 512, Transpose.No, Transpose.No),
        new("pool W1 fwd", 8192, 64, 128, Transpose.No, Transpose.No),
        new("scores Q·Kᵀ", 128, 128, 32, Transpose.No, Transpose.Yes, 256),
        new("P·V", 128, 32, 128, Transpose.No, Transpose.No, 256),
        new("qkv dX", 8192, 128, 384, Transpose.No, Transpose.Yes),
        new("qkv dW", 128, 384, 8192, Transpose.Yes, Transpose.No),
        new("ffn-up dX", 8192, 128, 512, Transpose.No, Transpose.Yes),
        new("ffn-up dW", 128, 512, 8192, Transpose.Yes, Transpose.No),
        new("ffn-down dX", 8192, 512, 128, Transpose.No, Transpose.Yes),
        new("ffn-down dW", 512, 128, 8192, Transpose.Yes, Transpose.No),
        new("attn dV = Pᵀ·dO", 128, 32, 128, Transpose.Yes, Transpose.No, 256),
    ];
}
