// A [Fact] that needs files from ../shared/datasets: xunit 2.9 has no runtime skip, so the skip
// reason is computed when the test is discovered and the test is reported as skipped, with the
// reason, when the files are absent.
namespace MlNetAttention.TestKit;

/// <summary>A fact that is skipped (with a message) when the named shared dataset files are absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <param name="datasetFiles">Paths under ../shared/datasets, e.g. "imdb/train.csv".</param>
    public SharedDataFactAttribute(params string[] datasetFiles)
    {
        if (SharedData.SkipReason(datasetFiles) is { } reason) Skip = reason;
    }
}
