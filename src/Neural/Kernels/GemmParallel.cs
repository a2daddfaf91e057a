// Splits one GEMM into rectangles of C for the worker pool, and runs them. Work is split over blocks
// of C only — never over K — so every element is summed in the same order whatever the thread count
// (see GemmBlock), and results are bit-identical for threads = 1, 2, 3, ...
//
// Policy. Every task re-packs what it needs, so a split costs packing work: a task of r rows re-packs
// its op(B) block (overhead ∝ 1/r), a task of c columns re-packs a transposed op(A) (∝ 1/c; a
// non-transposed A is read in place, so column splits are nearly free then). So: cut rows into up to
// TasksPerThread tasks per thread (dynamic claiming then evens out cores that other processes slow
// down) but never below MinRowPanels panels per task; if that gives fewer tasks than threads, split
// further along whichever dimension re-packs less. For the weight gradients (M·N small, K = B·T
// large) this means one task per thread (the first plan cut 128×384×8192 into 6 column tasks of
// 64, re-packing the transposed A six times, and ran slower on two threads than on one). Tile edges are multiples of MR/NR from the origin of C, so only the true
// matrix edge has partial tiles.
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Kernels;

internal static class GemmParallel
{
    private const int TasksPerThread = 4;
    private const int MinRowPanels = 32; // 384 rows with MR = 12: re-packing op(B) costs ≲ 3 %

    /// <summary>Runs the problem on up to <paramref name="threads"/> threads of <paramref name="pool"/>.</summary>
    public static void Run<TKernel>(in GemmArgs g, int threads, WorkerPool pool) where TKernel : struct, IGemmMicroKernel
    {
        var tasks = new GemmTasks<TKernel>(g, Plan(g.M, g.N, threads, TKernel.MR, TKernel.NR, g.TransA));
        pool.For(tasks.Count, threads, ref tasks);
    }

    /// <summary>Task rectangle size (rows, cols) for an M×N output on <paramref name="threads"/> threads.</summary>
    public static (int TaskRows, int TaskCols) Plan(int M, int N, int threads, int MR, int NR, bool transA)
    {
        int rowPanels = CeilDiv(M, MR), colPanels = CeilDiv(N, NR);
        int colTasks = CeilDiv(N, GemmBlock.NC);
        int rowTasks = Math.Clamp(threads * TasksPerThread / colTasks, 1, Math.Max(1, rowPanels / MinRowPanels));
        if (rowTasks * colTasks < threads)
        {
            // Either more, shorter row tasks or more, narrower column tasks: pick the one that re-packs
            // less (relative costs per element: op(B) copy 1, transposed op(A) 1.5, in-place op(A) ~0).
            int moreRows = Math.Min(rowPanels, CeilDiv(threads, colTasks));
            int moreCols = Math.Min(colPanels, CeilDiv(threads, rowTasks));
            bool rowsSuffice = moreRows * colTasks >= threads, colsSuffice = rowTasks * moreCols >= threads;
            double rowCost = 1.0 / (CeilDiv(rowPanels, moreRows) * MR);
            double colCost = (transA ? 1.5 : 0.1) / (CeilDiv(colPanels, moreCols) * NR);
            if (rowsSuffice && (!colsSuffice || rowCost <= colCost))
                rowTasks = moreRows;
            else if (colsSuffice)
                colTasks = moreCols;
            else
            {
                // A small C: cut both ways as far as whole tiles allow.
                rowTasks = moreRows;
                colTasks = Math.Min(colPanels, CeilDiv(threads, rowTasks));
            }
        }
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
