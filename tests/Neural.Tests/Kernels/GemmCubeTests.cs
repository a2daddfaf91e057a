// The exhaustive small-shape check: the fast GEMM against NaiveGemm for EVERY M, N, K in 1..67 and
// all four transpose combinations — every edge-tile case of every micro-kernel (67 > 2·32 + 3, so
// each dimension crosses two full tiles plus a ragged edge).
//
// How it stays fast: element (i, j) of op(A)·op(B) does not depend on M or N, so one NaiveGemm call
// on the full 67×67 output with inner dimension K is the reference for all 67² (M, N) pairs with
// that K. Two layouts are covered: padded (lda, ldb, ldc larger than the rows, padding filled with
// NaN so that reading it would show, and C's padding checked untouched) and compact (minimal leading
// dimensions, operands copied per shape).
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class GemmCubeTests
{
    private const int Max = 67;
    private const float Sentinel = 12345.5f;

    public static TheoryData<string, Transpose, Transpose, float, float, bool, int> Cases()
    {
        var data = new TheoryData<string, Transpose, Transpose, float, float, bool, int>();
        foreach (var kernel in GemmTestSupport.SupportedKernels())
            foreach (var tA in new[] { Transpose.No, Transpose.Yes })
                foreach (var tB in new[] { Transpose.No, Transpose.Yes })
                {
                    if (kernel == Gemm.BestKernel)
                    {
                        // The kernel Sgemm uses here: the full cube, beta 0 on a NaN-filled C with minimal
                        // leading dimensions, and general alpha, beta with padded leading dimensions.
                        data.Add(kernel.ToString(), tA, tB, 1f, 0f, true, Max);
                        data.Add(kernel.ToString(), tA, tB, -0.75f, 1.5f, false, Max);
                    }
                    else
                    {
                        // Fallback kernels (smaller tiles: 6×16, 4×4): 1..37 already crosses two full tiles
                        // and a ragged edge in every dimension; one layout per transpose pair.
                        bool compact = tA == tB;
                        data.Add(kernel.ToString(), tA, tB, compact ? 1f : 0.5f, compact ? 0f : -2f, compact, 37);
                    }
                }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNaiveForEveryShape(string kernelName, Transpose tA, Transpose tB, float alpha, float beta, bool compact, int maxSize)
    {
        var kernel = Enum.Parse<GemmKernelKind>(kernelName);
        const int lda = Max + 5, ldb = Max + 3, ldc = Max + 7;
        float[] A = FillPadded(Max, Max, lda, seed: 1), B = FillPadded(Max, Max, ldb, seed: 2);
        float[] c0 = FillPadded(Max, Max, ldc, seed: 3);
        var reference = new float[Max * ldc];
        var C = new float[Max * ldc];
        var packedA = new float[Max * Max];
        var packedB = new float[Max * Max];

        for (int K = 1; K <= maxSize; K++)
        {
            Array.Copy(c0, reference, c0.Length);
            NaiveGemm.Sgemm(tA, tB, Max, Max, K, alpha, A, lda, B, ldb, beta, reference, ldc);
            double[] tolerance = Tolerances(tA, tB, K, alpha, beta, A, lda, B, ldb, c0);
            for (int M = 1; M <= maxSize; M++)
                for (int N = 1; N <= maxSize; N++)
                {
                    ReadOnlySpan<float> a = A, b = B;
                    int la = lda, lb = ldb, lc = compact ? N : ldc;
                    if (compact)
                    {
                        la = Compact(A, lda, tA == Transpose.No ? M : K, tA == Transpose.No ? K : M, packedA);
                        lb = Compact(B, ldb, tB == Transpose.No ? K : N, tB == Transpose.No ? N : K, packedB);
                        a = packedA.AsSpan(0, (tA == Transpose.No ? M : K) * la);
                        b = packedB.AsSpan(0, (tB == Transpose.No ? K : N) * lb);
                    }
                    // Only C's own elements and the cells checked for overruns are set (filling the whole
                    // buffer per shape would dominate the test's run time).
                    for (int i = 0; i < M; i++)
                    {
                        if (beta == 0f) C.AsSpan(i * lc, N).Fill(float.NaN);
                        else Array.Copy(c0, i * ldc, C, i * lc, N);
                        if (lc > N) C[i * lc + N] = Sentinel;
                    }
                    C.AsSpan(M * lc, Math.Min(lc, C.Length - M * lc)).Fill(Sentinel);

                    Gemm.Run(kernel, tA, tB, M, N, K, alpha, a, la, b, lb, beta, C, lc, threads: 1, parallelMinMacs: long.MaxValue);

                    Check(M, N, K, alpha, beta, reference, C, lc, tolerance, kernel, tA, tB);
                }
        }
    }

    private static void Check(int M, int N, int K, float alpha, float beta, float[] reference, float[] C, int lc,
        double[] tolerance, GemmKernelKind kernel, Transpose tA, Transpose tB)
    {
        const int ldc = Max + 7;
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                float e = reference[i * ldc + j], got = C[i * lc + j];
                double tol = tolerance[i * Max + j];
                if (!(Math.Abs((double)e - got) <= tol))
                    Assert.Fail($"{kernel} {tA}{tB} M={M} N={N} K={K} α={alpha} β={beta} ldc={lc}: C[{i},{j}] = {got}, naive {e}, tolerance {tol:G3}");
            }
            // The element after each row (padding, or the next row's start) must be untouched when it is outside C.
            if (lc > N && C[i * lc + N] != Sentinel)
                Assert.Fail($"{kernel} {tA}{tB} M={M} N={N} K={K}: wrote past the end of row {i}");
        }
        for (int j = 0; j < Math.Min(lc, C.Length - M * lc); j++)
            if (C[M * lc + j] != Sentinel)
                Assert.Fail($"{kernel} {tA}{tB} M={M} N={N} K={K}: wrote below the last row (column {j})");
    }

    // The per-element bound for inner dimension K; element (i, j)'s bound does not depend on M or N.
    private static double[] Tolerances(Transpose tA, Transpose tB, int K, float alpha, float beta, float[] A, int lda,
        float[] B, int ldb, float[] c0)
    {
        const int ldc = Max + 7;
        double[] absSums = GemmTestSupport.AbsProductSums(tA, tB, Max, Max, K, A, lda, B, ldb);
        var tolerance = new double[Max * Max];
        for (int i = 0; i < Max; i++)
            for (int j = 0; j < Max; j++)
                tolerance[i * Max + j] = GemmTestSupport.Tolerance(K, alpha, beta, absSums[i * Max + j], c0[i * ldc + j]);
        return tolerance;
    }

    // rows × cols of random values with leading dimension ld; the padding is NaN so that reading it shows.
    private static float[] FillPadded(int rows, int cols, int ld, int seed)
    {
        float[] values = GemmTestSupport.Random(rows * cols, seed);
        var m = new float[rows * ld];
        Array.Fill(m, float.NaN);
        for (int r = 0; r < rows; r++) Array.Copy(values, r * cols, m, r * ld, cols);
        return m;
    }

    // Copies rows × cols into buffer with the minimal leading dimension (cols), which it returns.
    private static int Compact(float[] source, int ld, int rows, int cols, float[] buffer)
    {
        for (int r = 0; r < rows; r++) Array.Copy(source, r * ld, buffer, r * cols, cols);
        return cols;
    }
}
