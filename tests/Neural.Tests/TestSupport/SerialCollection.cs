// A test collection that xunit runs alone, after the parallel ones: for measurements that see the
// whole process (GC.GetTotalAllocatedBytes), which other tests running at the same time would skew.
namespace MlNetAttention.Neural.Tests.TestSupport;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide measurements)";
}
