// Whether a GEMM operand is used as stored (row-major) or transposed.
namespace MlNetAttention.Neural.Kernels;

public enum Transpose
{
    /// <summary>Use the matrix as stored: element (i, j) is at <c>i * ld + j</c>.</summary>
    No,
    /// <summary>Use the transpose: element (i, j) of op(X) is at <c>j * ld + i</c>.</summary>
    Yes,
}
