// The TestKit's shared-data helpers: the repository root is found from the test binaries, and a
// missing dataset file gives a skip reason that names it.
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void RepositoryRootHoldsTheSolution() =>
        Assert.True(File.Exists(Path.Combine(SharedData.RepositoryRoot, "MlNetAttention.sln")));

    [Fact]
    public void MissingDatasetFilesGiveASkipReasonNamingThem()
    {
        string reason = SharedData.SkipReason("no_such_dataset/train.csv")!;
        Assert.NotNull(reason);
        Assert.True(reason.Contains("no_such_dataset/train.csv") || reason.Contains("../shared is absent"), reason);
        Assert.NotNull(new SharedDataFactAttribute("no_such_dataset/train.csv").Skip);
    }
}
