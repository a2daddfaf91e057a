// TopKAccuracy and TopKAccuracyForAllK: the true class's rank is its position in a STABLE descending
// sort of the scores, so among equal scores the lower class index ranks first (ML.NET's rule).
using MlNetAttention.Data.Tests.Evaluation.Support;

namespace MlNetAttention.Data.Tests.Evaluation;

public sealed class TopKAccuracyTests
{
    //   class  scores                 rank of the true class
    //   2      0.1 0.4 0.4 0.1        1   (ties with class 1, which has the lower index)
    //   1      0.1 0.4 0.4 0.1        0   (ties with class 2, but 1 is the lower index)
    //   3      0.25 x4                3   (classes 0, 1, 2 tie and come first)
    //   0      0.2 0.3 0.3 0.2        2   (classes 1 and 2 are higher; class 3 ties but comes after)
    // Rows with rank < k:  k=1: 1 row, k=2: 2, k=3: 3, k=4: 4.
    private static readonly uint[] Keys = [3, 2, 4, 1];
    private static readonly float[][] Scores =
    [
        [0.1f, 0.4f, 0.4f, 0.1f], [0.1f, 0.4f, 0.4f, 0.1f], [0.25f, 0.25f, 0.25f, 0.25f], [0.2f, 0.3f, 0.3f, 0.2f],
    ];

    [Fact]
    public void TiesAreBrokenByTheLowerClassIndex()
    {
        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(Keys, Scores), topKPredictionCount: 4);
        Assert.Equal(4, metrics.TopKPredictionCount);
        Assert.Equal(new[] { 0.25, 0.5, 0.75, 1.0 }, metrics.TopKAccuracyForAllK);
        Assert.Equal(1.0, metrics.TopKAccuracy);
        // Top-1 is the micro accuracy: the predicted class is the first maximum (class 1, 1, 0, 1).
        Assert.Equal(0.25, metrics.MicroAccuracy);
        Assert.Equal(1.0, metrics.ConfusionMatrix.GetCountForClassPair(predictedClassIndicatorIndex: 1, actualClassIndicatorIndex: 2));
        Assert.Equal(1.0, metrics.ConfusionMatrix.GetCountForClassPair(predictedClassIndicatorIndex: 0, actualClassIndicatorIndex: 3));
    }

    [Fact]
    public void TopKAccuracyIsTheLastOfTheAllKList()
    {
        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(Keys, Scores), topKPredictionCount: 2);
        Assert.Equal(new[] { 0.25, 0.5 }, metrics.TopKAccuracyForAllK);
        Assert.Equal(0.5, metrics.TopKAccuracy);
    }

    [Fact]
    public void AKAboveTheClassCountReachesOne()
    {
        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(Keys, Scores), topKPredictionCount: 6);
        Assert.Equal(new[] { 0.25, 0.5, 0.75, 1.0, 1.0, 1.0 }, metrics.TopKAccuracyForAllK);
    }

    [Fact]
    public void WithoutKTheTopKMembersAreEmptyAndZero()
    {
        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(Keys, Scores));
        Assert.Equal(0, metrics.TopKPredictionCount);
        Assert.Empty(metrics.TopKAccuracyForAllK);
        Assert.Equal(0.0, metrics.TopKAccuracy);
    }
}
