// Tests of the shared worker pool: every index runs exactly once for any thread cap, errors reach
// the caller, nested loops run (serially) instead of deadlocking, and argument checks name the
// parameter. They run real loops on real threads; nothing is mocked.
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Tests.Threading;

public sealed unsafe class WorkerPoolTests
{
    private struct CountingBody : IParallelBody
    {
        public int* Hits;
        public int* ThreadIds;
        public void Execute(int index)
        {
            Interlocked.Increment(ref Hits[index]);
            ThreadIds[index] = Environment.CurrentManagedThreadId;
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 0)]
    [InlineData(4, 2)]
    [InlineData(4, 3)]
    [InlineData(3, 7)]
    public void EveryIndexRunsExactlyOnce(int poolThreads, int maxThreads)
    {
        using var pool = new WorkerPool(poolThreads);
        foreach (int count in new[] { 1, 2, 3, 17, 1000 })
        {
            for (int repeat = 0; repeat < 50; repeat++)
            {
                var hits = new int[count];
                var ids = new int[count];
                fixed (int* h = hits, t = ids)
                {
                    var body = new CountingBody { Hits = h, ThreadIds = t };
                    pool.For(count, maxThreads, ref body);
                }
                Assert.All(hits, h => Assert.Equal(1, h));
                int cap = maxThreads == 0 ? poolThreads : Math.Min(maxThreads, poolThreads);
                Assert.True(ids.Distinct().Count() <= cap, $"used {ids.Distinct().Count()} threads with a cap of {cap}");
            }
        }
    }

    [Fact]
    public void WorkIsSpreadOverSeveralThreadsWhenAllowed()
    {
        using var pool = new WorkerPool(2);
        var ids = new int[64];
        bool sawTwo = false;
        // Each index sleeps, so a woken worker always gets some of them; repeat to ride out scheduling noise.
        for (int attempt = 0; attempt < 20 && !sawTwo; attempt++)
        {
            fixed (int* t = ids)
            {
                var body = new SleepyBody { ThreadIds = t };
                pool.For(ids.Length, 0, ref body);
            }
            sawTwo = ids.Distinct().Count() == 2;
        }
        Assert.True(sawTwo, "a 2-thread pool never ran a loop on 2 threads");
    }

    private struct SleepyBody : IParallelBody
    {
        public int* ThreadIds;
        public void Execute(int index)
        {
            ThreadIds[index] = Environment.CurrentManagedThreadId;
            Thread.Sleep(1);
        }
    }

    private struct ThrowingBody : IParallelBody
    {
        public int Bad;
        public void Execute(int index)
        {
            if (index == Bad) throw new InvalidOperationException($"index {index} failed");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(99)]
    public void FirstExceptionIsRethrownOnTheCallerAndThePoolStaysUsable(int bad)
    {
        using var pool = new WorkerPool(3);
        var body = new ThrowingBody { Bad = bad };
        var error = Assert.Throws<InvalidOperationException>(() => pool.For(100, 0, ref body));
        Assert.Equal($"index {bad} failed", error.Message);

        var hits = new int[100];
        var ids = new int[100];
        fixed (int* h = hits, t = ids)
        {
            var ok = new CountingBody { Hits = h, ThreadIds = t };
            pool.For(100, 0, ref ok);
        }
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    private struct NestedBody : IParallelBody
    {
        public WorkerPool Pool;
        public int* Hits; // Outer × Inner counters
        public void Execute(int index)
        {
            var inner = new InnerBody { Row = Hits + index * 8 };
            Pool.For(8, 0, ref inner);
        }
    }

    private struct InnerBody : IParallelBody
    {
        public int* Row;
        public void Execute(int index) => Interlocked.Increment(ref Row[index]);
    }

    [Fact]
    public void NestedLoopsRunSeriallyWithoutDeadlock()
    {
        using var pool = new WorkerPool(2);
        var hits = new int[16 * 8];
        fixed (int* h = hits)
        {
            var body = new NestedBody { Pool = pool, Hits = h };
            pool.For(16, 0, ref body);
        }
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void ConcurrentCallersFromSeveralThreadsAllComplete()
    {
        using var pool = new WorkerPool(2);
        var results = new int[4][];
        Parallel.For(0, 4, caller =>
        {
            var hits = new int[500];
            var ids = new int[500];
            for (int r = 0; r < 20; r++)
            {
                fixed (int* h = hits, t = ids)
                {
                    var body = new CountingBody { Hits = h, ThreadIds = t };
                    pool.For(hits.Length, 0, ref body);
                }
            }
            results[caller] = hits;
        });
        foreach (var hits in results) Assert.All(hits, h => Assert.Equal(20, h));
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Equal("threadCount", Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(0)).ParamName);
        using var pool = new WorkerPool(2);
        var body = new ThrowingBody { Bad = -1 };
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => pool.For(-1, 0, ref body)).ParamName);
        Assert.Equal("maxThreads", Assert.Throws<ArgumentOutOfRangeException>(() => pool.For(3, -2, ref body)).ParamName);
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.For(3, 0, ref body));
    }

    [Fact]
    public void SharedPoolHasOneThreadPerProcessor()
    {
        Assert.Equal(Environment.ProcessorCount, WorkerPool.Shared.ThreadCount);
    }
}
