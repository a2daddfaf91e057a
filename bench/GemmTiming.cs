// Times our SGEMM with the same protocol as bench/scripts/torch_matmul.py: warm-up, calls per sample
// doubled until one sample lasts at least minTime, then the median GFLOP/s of `samples` samples.
using System.Diagnostics;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Bench;

internal sealed class GemmTiming
{
    private readonly GemmShape _shape;
    private readonly float[] _a, _b, _c;
    private readonly int _lda, _ldb, _sizeA, _sizeB;

    public GemmTiming(GemmShape shape)
    {
        _shape = shape;
        var rng = new Random(42);
        int aRows = shape.TransA == Transpose.No ? shape.M : shape.K;
        _lda = shape.TransA == Transpose.No ? shape.K : shape.M;
        int bRows = shape.TransB == Transpose.No ? shape.K : shape.N;
        _ldb = shape.TransB == Transpose.No ? shape.N : shape.K;
        _sizeA = aRows * _lda;
        _sizeB = bRows * _ldb;
        _a = Fill(_sizeA * shape.Batch, rng);
        _b = Fill(_sizeB * shape.Batch, rng);
        _c = new float[shape.M * shape.N * shape.Batch];
    }

    /// <summary>Median GFLOP/s on <paramref name="threads"/> threads (our thread cap, 1 = serial).</summary>
    public double Measure(int threads, double minTime, int samples)
    {
        for (int i = 0; i < 3; i++) RunOnce(threads);
        int calls = 1;
        while (Time(threads, calls) < minTime) calls *= 2;
        var rates = new double[samples];
        for (int s = 0; s < samples; s++)
            rates[s] = _shape.Flops * calls / Time(threads, calls) / 1e9;
        Array.Sort(rates);
        return rates[samples / 2];
    }

    private double Time(int threads, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++) RunOnce(threads);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private void RunOnce(int threads)
    {
        if (_shape.Batch == 1)
        {
            Gemm.Sgemm(_shape.TransA, _shape.TransB, _shape.M, _shape.N, _shape.K, 1f, _a, _lda, _b, _ldb, 0f, _c, _shape.N, threads);
            return;
        }
        // Batched per-head problems: parallel over heads, one single-threaded GEMM each (the engine's pattern).
        var body = new BatchBody(this);
        WorkerPool.Shared.For(_shape.Batch, threads, ref body);
    }

    private readonly struct BatchBody(GemmTiming t) : IParallelBody
    {
        public void Execute(int index)
        {
            GemmShape s = t._shape;
            int sizeC = s.M * s.N;
            Gemm.Sgemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, t._a.AsSpan(index * t._sizeA, t._sizeA), t._lda,
                t._b.AsSpan(index * t._sizeB, t._sizeB), t._ldb, 0f, t._c.AsSpan(index * sizeC, sizeC), s.N, threads: 1);
        }
    }

    private static float[] Fill(int length, Random rng)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}
