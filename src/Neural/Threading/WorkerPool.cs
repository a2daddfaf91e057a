// A small fixed pool of worker threads for the engine's data-parallel loops (GEMM blocks of C,
// attention over (batch, head), row-wise kernels over row blocks).
//
// Why not Parallel.For: the engine calls parallel loops thousands of times per training step on
// small shapes, so the per-call cost matters. Parallel.For allocates (closures, tasks, loop state)
// and goes through the ThreadPool's queues; this pool is allocation-free in steady state, wakes a
// fixed set of dedicated threads (spin briefly, then block), and hands out loop indices with one
// atomic increment each. The calling thread always takes part, so a pool of N threads uses N - 1
// background threads. Waiting threads spin (briefly with pause instructions, then yielding) for a
// short time budget before they block in the kernel.
//
// Constraints / contract:
// - For(count, maxThreads, ref body) calls body.Execute(i) exactly once for every i in [0, count)
//   (unless a body throws: then the remaining indices are abandoned and the first exception is
//   rethrown on the caller) and returns only when every started call has finished.
// - Indices are claimed dynamically, so which thread runs which index varies from run to run: a body
//   must make its result depend on the index only (that is what keeps GEMM bit-identical for any
//   thread count).
// - The body is copied once onto the caller's stack and every thread runs Execute on that one copy
//   through a pointer; changes a body makes to its own fields are not copied back, so per-index
//   results belong in buffers the body points to.
// - A call made from inside a body (nested), or while another thread is using the same pool, runs
//   serially on the calling thread: never deadlocks, same results.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace MlNetAttention.Neural.Threading;

/// <summary>One iteration of a parallel loop; a struct so that the loop neither allocates nor boxes.</summary>
public interface IParallelBody
{
    /// <summary>Runs iteration <paramref name="index"/>.</summary>
    void Execute(int index);
}

/// <summary>A fixed set of worker threads that run <see cref="IParallelBody"/> loops.</summary>
public sealed unsafe class WorkerPool : IDisposable
{
    /// <summary>The process-wide pool, one thread per logical processor (the caller counts as one).</summary>
    public static WorkerPool Shared { get; } = new(Environment.ProcessorCount);

    // True on a pool's background threads and on a caller while it runs bodies: a For started there
    // is nested and runs serially.
    [ThreadStatic] private static bool t_insideBody;

    private readonly Worker[] _workers;          // ThreadCount - 1 background threads
    private readonly object _gate = new();       // one parallel loop at a time per pool
    private readonly Signal _done = new();
    private volatile bool _disposed;

    // The current loop, written by the caller before it wakes the workers (the wake-up is a full fence).
    private void* _body;
    private delegate*<void*, int, void> _invoke;
    private int _count;
    private int _nextIndex;        // next index to claim (Interlocked)
    private int _running;          // threads still inside the current loop, caller included
    private Exception? _firstError;

    // How long a waiting thread spins before it blocks. Workers spin for a while after each loop
    // because the engine issues loops back to back (a GEMM, a softmax, a GEMM...) and a blocked
    // worker costs tens of microseconds to wake; the caller waits only for the other threads' last
    // indices, so it rarely reaches its budget unless a worker was descheduled.
    private static readonly long WorkerSpinTicks = Stopwatch.Frequency / 10_000; // 100 µs
    private static readonly long DoneSpinTicks = Stopwatch.Frequency / 5_000;    // 200 µs

    /// <summary>Creates a pool whose loops run on at most <paramref name="threadCount"/> threads, the caller included.</summary>
    public WorkerPool(int threadCount)
    {
        if (threadCount < 1)
            throw new ArgumentOutOfRangeException(nameof(threadCount), threadCount, "A pool needs at least one thread (the caller).");
        ThreadCount = threadCount;
        _workers = new Worker[threadCount - 1];
        for (int w = 0; w < _workers.Length; w++)
            _workers[w] = new Worker(this, w);
    }

    /// <summary>The most threads a loop can use, the calling thread included.</summary>
    public int ThreadCount { get; }

    /// <summary>
    /// Calls <c>body.Execute(i)</c> exactly once for every i in [0, <paramref name="count"/>), spread over
    /// at most <paramref name="maxThreads"/> threads (0 = all of the pool's) including the calling
    /// thread, and returns when all are done. The first exception thrown by a body is rethrown here.
    /// </summary>
    public void For<TBody>(int count, int maxThreads, ref TBody body) where TBody : struct, IParallelBody
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "The iteration count cannot be negative.");
        if (maxThreads < 0)
            throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "The thread cap cannot be negative (0 means all threads).");
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (count == 0) return;

        int threads = Math.Min(maxThreads == 0 ? ThreadCount : Math.Min(maxThreads, ThreadCount), count);
        if (threads <= 1 || t_insideBody)
        {
            RunSerially(count, ref body);
            return;
        }
        if (!Monitor.TryEnter(_gate))
        {
            // Another thread owns the pool's workers right now; waiting for it could be long and
            // gains nothing over doing our own work here.
            RunSerially(count, ref body);
            return;
        }
        try
        {
            // The copy lives on this (blocked) thread's stack for the whole loop, so its address is
            // stable, and the GC still sees and updates the references it holds.
            TBody shared = body;
            _body = Unsafe.AsPointer(ref shared);
            _invoke = &Invoker<TBody>.Execute;
            _count = count;
            _nextIndex = 0;
            _firstError = null;
            _running = threads;
            for (int w = 0; w < threads - 1; w++)
                _workers[w].Wake();

            RunShare();
            if (Interlocked.Decrement(ref _running) != 0)
                _done.Wait(DoneSpinTicks);

            _body = null;
            Exception? error = _firstError;
            _firstError = null;
            if (error is not null)
                ExceptionDispatchInfo.Capture(error).Throw();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private static void RunSerially<TBody>(int count, ref TBody body) where TBody : struct, IParallelBody
    {
        bool wasInside = t_insideBody;
        t_insideBody = true;
        try
        {
            for (int i = 0; i < count; i++)
                body.Execute(i);
        }
        finally
        {
            t_insideBody = wasInside;
        }
    }

    // Claims and runs indices of the current loop until none are left; used by the caller and the workers.
    private void RunShare()
    {
        bool wasInside = t_insideBody;
        t_insideBody = true;
        try
        {
            void* body = _body;
            delegate*<void*, int, void> invoke = _invoke;
            int count = _count;
            int i;
            while ((i = Interlocked.Increment(ref _nextIndex) - 1) < count)
                invoke(body, i);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _firstError, e, null);
            Volatile.Write(ref _nextIndex, int.MaxValue / 2); // stop the other threads claiming more
        }
        finally
        {
            t_insideBody = wasInside;
        }
    }

    /// <summary>Stops the background threads. Loops already running finish first.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        foreach (var worker in _workers) worker.Wake();
        foreach (var worker in _workers) worker.Join();
        _done.Dispose();
    }

    // A reusable wake-up: Set by one thread, consumed by one waiter, which spins for up to a time
    // budget and then blocks. The spin is SpinWait's: a few pause-only rounds (sub-microsecond wake-up
    // on idle cores), then rounds that yield, so that on a busy machine the thread being waited for
    // can run instead of the waiter burning the core (pure pause-spinning measured 200-300 µs per
    // loop at a load average of 8 on 2 cores). Set publishes everything written before it.
    private sealed class Signal : IDisposable
    {
        private volatile int _set;
        private readonly ManualResetEventSlim _event = new(false, spinCount: 1);

        public void Set()
        {
            _set = 1;
            _event.Set(); // no system call unless the waiter is blocked
        }

        public void Wait(long spinTicks)
        {
            if (_set == 0)
            {
                long deadline = Stopwatch.GetTimestamp() + spinTicks;
                var spinner = new SpinWait();
                while (_set == 0 && Stopwatch.GetTimestamp() < deadline)
                    spinner.SpinOnce(sleep1Threshold: -1);
                while (_set == 0)
                    _event.Wait();
            }
            // Consumed: the next Set can only come after this waiter has done its part of the round.
            _set = 0;
            _event.Reset();
        }

        public void Dispose() => _event.Dispose();
    }

    private static class Invoker<TBody> where TBody : struct, IParallelBody
    {
        public static void Execute(void* body, int index) => Unsafe.AsRef<TBody>(body).Execute(index);
    }

    private sealed class Worker
    {
        private readonly WorkerPool _pool;
        private readonly Signal _wake = new();
        private readonly Thread _thread;

        public Worker(WorkerPool pool, int index)
        {
            _pool = pool;
            _thread = new Thread(Loop) { IsBackground = true, Name = $"MlNetAttention worker {index + 1}" };
            _thread.Start();
        }

        public void Wake() => _wake.Set();

        public void Join() => _thread.Join();

        private void Loop()
        {
            t_insideBody = true; // a body running here that starts a loop runs it serially
            while (true)
            {
                _wake.Wait(WorkerSpinTicks);
                if (_pool._disposed) break;
                _pool.RunShare();
                t_insideBody = true;
                if (Interlocked.Decrement(ref _pool._running) == 0)
                    _pool._done.Set();
            }
            _wake.Dispose();
            Debug.Assert(t_insideBody);
        }
    }
}
