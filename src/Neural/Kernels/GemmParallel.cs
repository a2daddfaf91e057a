// Splits one GEMM into rectangles of C for the worker pool, and runs them. Work is split over blocks
// of C only — never over K — so every element is summed in the same order whatever the thread count
// (see GemmBlock), and results are bit-identical for threads = 1, 2, 3, ...
//
// Policy: aim for TasksPerThread tasks per thread (dynamic claiming then evens out cores that other
// processes slow down), cut rows first in whole MR panels but never below MinRowPanels per task
// (each task re-packs its op(B) block, a 1/rows overhead), then columns in whole NR panels. Tile
// edges are multiples of MR/NR from the origin of C, so only the true matrix edge has partial tiles.
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Kernels;

internal static class GemmParallel
{
    private const int TasksPerThread = 4;
    private const int MinRowPanels = 8;
    private const int MinColPanels = 2;

    /// <summary>Runs the problem on up to <paramref name="threads"/> threads of <paramref name="pool"/>.</summary>
    public static void Run<TKernel>(in GemmArgs g, int threads, WorkerPool pool) where TKernel : struct, IGemmMicroKernel
    {
        var tasks = new GemmTasks<TKernel>(g, Plan(g.M, g.N, threads, TKernel.MR, TKernel.NR));
        pool.For(tasks.Count, threads, ref tasks);
    }

    /// <summary>Task rectangle size (rows, cols) for an M×N output on <paramref name="threads"/> threads.</summary>
    public static (int TaskRows, int TaskCols) Plan(int M, int N, int threads, int MR, int NR)
    {
        int rowPanels = CeilDiv(M, MR), colPanels = CeilDiv(N, NR);
        int desired = threads * TasksPerThread;
        int colTasks = CeilDiv(N, GemmBlock.NC);
        int rowTasks = Math.Clamp(CeilDiv(desired, colTasks), 1, Math.Max(1, rowPanels / MinRowPanels));
        if (rowTasks * colTasks < desired)
            colTasks = Math.Max(colTasks, Math.Min(CeilDiv(desired, rowTasks), Math.Max(1, colPanels / MinColPanels)));
        if (rowTasks * colTasks < threads)
            rowTasks = Math.Min(rowPanels, CeilDiv(threads, colTasks));
        return (CeilDiv(rowPanels, rowTasks) * MR, CeilDiv(colPanels, colTasks) * NR);
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;

    private readonly struct GemmTasks<TKernel> : IParallelBody where TKernel : struct, IGemmMicroKernel
    {
        private readonly GemmArgs _g;
        private readonly int _taskRows, _taskCols, _tasksAcross;

        public GemmTasks(in GemmArgs g, (int TaskRows, int TaskCols) plan)
        {
            _g = g;
            (_taskRows, _taskCols) = plan;
            _tasksAcross = CeilDiv(g.N, _taskCols);
            Count = CeilDiv(g.M, _taskRows) * _tasksAcross;
        }

        public int Count { get; }

        public void Execute(int index)
        {
            int i0 = index / _tasksAcross * _taskRows, j0 = index % _tasksAcross * _taskCols;
            GemmBlock.Run<TKernel>(_g, i0, Math.Min(_taskRows, _g.M - i0), j0, Math.Min(_taskCols, _g.N - j0));
        }
    }
}
