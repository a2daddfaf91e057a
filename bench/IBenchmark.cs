// One side-by-side benchmark: a name to pick it on the command line and a Run method that measures
// our code and its reference in the same invocation and prints both. Each benchmark is its own file.
namespace MlNetAttention.Bench;

public interface IBenchmark
{
    /// <summary>The name used on the command line, e.g. "gemm".</summary>
    string Name { get; }

    /// <summary>One line for the list printed by <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark with the remaining arguments; returns the process exit code.</summary>
    int Run(string[] args);
}
