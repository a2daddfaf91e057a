// The parts of Gemm.Sgemm's contract that are not about rounding: alpha/beta semantics (beta 0 never
// reads C, beta 1 accumulates), K = 0, and argument validation that names the bad parameter.
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Tests.Kernels;

public sealed class GemmContractTests
{
    [Theory]
    [InlineData(Transpose.No, Transpose.No)]
    [InlineData(Transpose.Yes, Transpose.Yes)]
    public void BetaZeroOverwritesANaNFilledCWithoutLeakingNaN(Transpose tA, Transpose tB)
    {
        const int M = 70, N = 100, K = 300; // K > KC: the later K blocks accumulate, the first must not read C
        float[] A = GemmTestSupport.Random(M * K, 1), B = GemmTestSupport.Random(K * N, 2);
        int lda = tA == Transpose.No ? K : M, ldb = tB == Transpose.No ? N : K;
        var C = new float[M * N];
        Array.Fill(C, float.NaN);
        Gemm.Sgemm(tA, tB, M, N, K, 1f, A, lda, B, ldb, 0f, C, N);
        Assert.All(C, v => Assert.True(float.IsFinite(v)));

        var expected = new float[M * N];
        NaiveGemm.Sgemm(tA, tB, M, N, K, 1f, A, lda, B, ldb, 0f, expected, N);
        var absSums = GemmTestSupport.AbsProductSums(tA, tB, M, N, K, A, lda, B, ldb);
        GemmTestSupport.AssertClose(M, N, K, 1f, 0f, expected, C, N, absSums, new float[M * N], "beta 0");
    }

    [Fact]
    public void BetaOneAccumulatesIntoC()
    {
        const int M = 37, N = 70, K = 45;
        float[] A = GemmTestSupport.Random(M * K, 3), B = GemmTestSupport.Random(K * N, 4);
        float[] c0 = GemmTestSupport.Random(M * N, 5);
        var once = new float[M * N];
        Gemm.Sgemm(Transpose.No, Transpose.No, M, N, K, 1f, A, K, B, N, 0f, once, N);

        var twice = (float[])c0.Clone();
        Gemm.Sgemm(Transpose.No, Transpose.No, M, N, K, 1f, A, K, B, N, 1f, twice, N);
        Gemm.Sgemm(Transpose.No, Transpose.No, M, N, K, 1f, A, K, B, N, 1f, twice, N);

        var absSums = GemmTestSupport.AbsProductSums(Transpose.No, Transpose.No, M, N, K, A, K, B, N);
        for (int i = 0; i < M * N; i++)
        {
            // c0 + 2·AB, each of the two products carrying its own rounding bound.
            double expected = c0[i] + 2.0 * once[i];
            double tol = 2 * GemmTestSupport.Tolerance(K, 1f, 1f, absSums[i], c0[i]);
            Assert.True(Math.Abs(twice[i] - expected) <= tol, $"C[{i}] = {twice[i]}, expected {expected} ± {tol:G3}");
        }
    }

    public static TheoryData<string, float> KernelsAndBetas()
    {
        var data = new TheoryData<string, float>();
        foreach (var kernel in GemmTestSupport.SupportedKernels())
            foreach (float beta in new[] { 0f, 1f, 0.5f })
                data.Add(kernel.ToString(), beta);
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndBetas))]
    public void EveryKernelAccumulatesAcrossKBlocks(string kernelName, float beta)
    {
        // K = 2·KC + 88: three K blocks (the later ones accumulate), in both loop orders (N = 70 runs
        // whole-K, N = 600 with a transposed A runs K-blocked), ragged in M and N.
        var kernel = Enum.Parse<GemmKernelKind>(kernelName);
        const int M = 31, K = 600;
        foreach (int N in new[] { 70, 600 })
            foreach (var tA in new[] { Transpose.No, Transpose.Yes })
            {
                int lda = tA == Transpose.No ? K : M;
                float[] A = GemmTestSupport.Random(M * K, 41), B = GemmTestSupport.Random(K * N, 42), c0 = GemmTestSupport.Random(M * N, 43);
                var expected = (float[])c0.Clone();
                NaiveGemm.Sgemm(tA, Transpose.No, M, N, K, 0.75f, A, lda, B, N, beta, expected, N);
                var C = (float[])c0.Clone();
                Gemm.Run(kernel, tA, Transpose.No, M, N, K, 0.75f, A, lda, B, N, beta, C, N, threads: 1, parallelMinMacs: long.MaxValue);
                var absSums = GemmTestSupport.AbsProductSums(tA, Transpose.No, M, N, K, A, lda, B, N);
                GemmTestSupport.AssertClose(M, N, K, 0.75f, beta, expected, C, N, absSums, c0, $"{kernel} {tA}N N={N} beta {beta}");
            }
    }

    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(2.5f, -0.5f)]
    [InlineData(-1f, 0f)]
    public void AlphaAndBetaScaleAsDefined(float alpha, float beta)
    {
        const int M = 29, N = 41, K = 33;
        float[] A = GemmTestSupport.Random(K * M, 6), B = GemmTestSupport.Random(N * K, 7);
        float[] c0 = GemmTestSupport.Random(M * N, 8);
        var expected = (float[])c0.Clone();
        NaiveGemm.Sgemm(Transpose.Yes, Transpose.Yes, M, N, K, alpha, A, M, B, K, beta, expected, N);
        var C = (float[])c0.Clone();
        Gemm.Sgemm(Transpose.Yes, Transpose.Yes, M, N, K, alpha, A, M, B, K, beta, C, N);
        var absSums = GemmTestSupport.AbsProductSums(Transpose.Yes, Transpose.Yes, M, N, K, A, M, B, K);
        GemmTestSupport.AssertClose(M, N, K, alpha, beta, expected, C, N, absSums, c0, $"alpha {alpha} beta {beta}");
        if (alpha == 0f && beta == 1f) Assert.Equal(c0, C); // C = 0·AB + C leaves C exactly as it was
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    [InlineData(-3f)]
    public void KZeroGivesBetaTimesC(float beta)
    {
        const int M = 5, N = 7, ldc = 9;
        float[] c0 = GemmTestSupport.Random(M * ldc, 9);
        var C = (float[])c0.Clone();
        if (beta == 0f) for (int i = 0; i < M; i++) C.AsSpan(i * ldc, N).Fill(float.NaN);
        Gemm.Sgemm(Transpose.No, Transpose.No, M, N, 0, 2f, ReadOnlySpan<float>.Empty, 1, ReadOnlySpan<float>.Empty, N, beta, C, ldc);
        for (int i = 0; i < M; i++)
            for (int j = 0; j < ldc; j++)
                Assert.Equal(j < N ? beta * c0[i * ldc + j] : c0[i * ldc + j], C[i * ldc + j]); // padding untouched
    }

    [Fact]
    public void EmptyOutputDoesNothing()
    {
        var C = new float[] { 1f, 2f };
        Gemm.Sgemm(Transpose.No, Transpose.No, 0, 2, 3, 1f, ReadOnlySpan<float>.Empty, 3, new float[6], 2, 0f, C, 2);
        Gemm.Sgemm(Transpose.No, Transpose.No, 1, 0, 3, 1f, new float[3], 3, ReadOnlySpan<float>.Empty, 1, 0f, C, 1);
        Assert.Equal(new[] { 1f, 2f }, C);
    }

    public static TheoryData<string, string> BadArguments() => new()
    {
        { "M", "M=-1" }, { "N", "N=-1" }, { "K", "K=-1" }, { "threads", "threads=-1" },
        { "lda", "lda<K" }, { "lda", "lda<M (transA)" }, { "ldb", "ldb<N" }, { "ldb", "ldb<K (transB)" }, { "ldc", "ldc<N" },
        { "A", "A short" }, { "B", "B short" }, { "C", "C short" }, { "transA", "transA bad" }, { "transB", "transB bad" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void BadArgumentsThrowNamingTheParameter(string parameter, string @case)
    {
        // A valid call is M=4, N=5, K=6, A 4×6, B 6×5, C 4×5; each case breaks one thing.
        int M = 4, N = 5, K = 6, lda = 6, ldb = 5, ldc = 5, threads = 0;
        Transpose tA = Transpose.No, tB = Transpose.No;
        int aLen = 24, bLen = 30, cLen = 20;
        switch (@case)
        {
            case "M=-1": M = -1; break;
            case "N=-1": N = -1; break;
            case "K=-1": K = -1; break;
            case "threads=-1": threads = -1; break;
            case "lda<K": lda = 5; break;
            case "lda<M (transA)": tA = Transpose.Yes; lda = 3; aLen = 100; break;
            case "ldb<N": ldb = 4; break;
            case "ldb<K (transB)": tB = Transpose.Yes; ldb = 5; bLen = 100; break;
            case "ldc<N": ldc = 4; break;
            case "A short": aLen = 23; break;
            case "B short": bLen = 29; break;
            case "C short": cLen = 19; break;
            case "transA bad": tA = (Transpose)7; break;
            case "transB bad": tB = (Transpose)(-1); break;
        }
        var A = new float[aLen];
        var B = new float[bLen];
        var C = new float[cLen];
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            Gemm.Sgemm(tA, tB, M, N, K, 1f, A, lda, B, ldb, 0f, C, ldc, threads));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void ShortSpanMessageStatesWhatWasNeeded()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Sgemm(Transpose.No, Transpose.No, 3, 3, 3, 1f, new float[9], 3, new float[9], 3, 0f, new float[10], 4));
        Assert.Contains("needs 11", error.Message);
    }
}
