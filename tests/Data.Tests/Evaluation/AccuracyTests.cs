// MicroAccuracy and MacroAccuracy on hand-computed cases, and which rows the evaluator counts: missing
// labels (key 0, NaN) and invalid labels are skipped, NaN/infinite scores are skipped, a label with no
// score slot is counted as wrong, PredictedLabel's values are not used, and the data is read once.
using MlNetAttention.Data.Tests.Evaluation.Support;
using MlNetAttention.Runtime;

namespace MlNetAttention.Data.Tests.Evaluation;

public sealed class AccuracyTests
{
    private static (MLContext Context, List<string> Warnings) ContextWithLog()
    {
        var context = new MLContext(seed: 1);
        var warnings = new List<string>();
        context.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning) warnings.Add(e.RawMessage);
        };
        return (context, warnings);
    }

    // Three classes; class 2 never occurs in the labels (it is predicted once).
    //   key  class  scores           predicted
    //   1    0      0.7 0.2 0.1      0  ok
    //   1    0      0.6 0.3 0.1      0  ok
    //   1    0      0.2 0.5 0.3      1
    //   1    0      0.1 0.1 0.8      2
    //   2    1      0.3 0.6 0.1      1  ok
    //   2    1      0.1 0.8 0.1      1  ok
    internal static readonly uint[] AbsentClassKeys = [1, 1, 1, 1, 2, 2];
    internal static readonly float[][] AbsentClassScores =
    [
        [0.7f, 0.2f, 0.1f], [0.6f, 0.3f, 0.1f], [0.2f, 0.5f, 0.3f], [0.1f, 0.1f, 0.8f], [0.3f, 0.6f, 0.1f], [0.1f, 0.8f, 0.1f],
    ];

    [Fact]
    public void MacroAccuracyAveragesOnlyTheClassesThatOccur()
    {
        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(AbsentClassKeys, AbsentClassScores));
        // Micro: 4 correct of 6 rows.
        Assert.Equal(4.0 / 6, metrics.MicroAccuracy, 15);
        // Macro: class 0 recall 2/4, class 1 recall 2/2; class 2 has no rows and is left out:
        // (0.5 + 1) / 2 = 0.75 (it would be 0.5 if the absent class counted as 0).
        Assert.Equal(0.75, metrics.MacroAccuracy, 15);
    }

    [Fact]
    public void MissingKeyLabelsAreSkippedAndReported()
    {
        var (ml, warnings) = ContextWithLog();
        // The absent-class table plus two rows with key 0 (missing) whose scores would change every metric.
        uint[] keys = [0, .. AbsentClassKeys, 0];
        float[][] scores = [[0f, 0f, 1f], .. AbsentClassScores, [0f, 0f, 1f]];
        var withMissing = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(keys, scores), topKPredictionCount: 2);
        var without = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(AbsentClassKeys, AbsentClassScores), topKPredictionCount: 2);
        Assert.Equal(4.0 / 6, withMissing.MicroAccuracy, 15);
        AssertSameMetrics(without, withMissing);
        Assert.Contains(warnings, w => w.Contains("Skipped 2 row(s) with a missing label", StringComparison.Ordinal));
    }

    [Fact]
    public void SingleAndDoubleLabelsAreClassIndicesAndBadOnesAreSkipped()
    {
        // Rows: class 0 (correct), class 1 (wrong: predicted 0), NaN (unlabeled), -1 and 1.5 (invalid),
        // +infinity (invalid). Counted rows: 2, correct 1 -> MicroAccuracy 0.5.
        float[][] scores = [[0.9f, 0.1f], [0.6f, 0.4f], [0.1f, 0.9f], [0.1f, 0.9f], [0.1f, 0.9f], [0.1f, 0.9f]];
        foreach (bool useDouble in new[] { false, true })
        {
            var (ml, warnings) = ContextWithLog();
            var data = useDouble
                ? ScoredRows.WithDoubleLabels([0, 1, double.NaN, -1, 1.5, double.PositiveInfinity], scores)
                : ScoredRows.WithSingleLabels([0, 1, float.NaN, -1, 1.5f, float.PositiveInfinity], scores);
            var metrics = ml.MulticlassClassification.Evaluate(data);
            Assert.Equal(0.5, metrics.MicroAccuracy, 15);
            Assert.Equal([1.0, 0.0], metrics.ConfusionMatrix.Counts[0]);
            Assert.Equal([1.0, 0.0], metrics.ConfusionMatrix.Counts[1]);
            Assert.Contains(warnings, w => w.Contains("Skipped 1 row(s) with a missing label", StringComparison.Ordinal));
            Assert.Contains(warnings, w => w.Contains("Skipped 3 row(s) whose label in column 'Label' is negative", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RowsWithNaNOrInfiniteScoresAreSkippedAndReported()
    {
        var (ml, warnings) = ContextWithLog();
        uint[] keys = [.. AbsentClassKeys, 1, 2];
        float[][] scores = [.. AbsentClassScores, [float.NaN, 0.5f, 0.5f], [0.2f, float.PositiveInfinity, 0f]];
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(keys, scores));
        var reference = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(AbsentClassKeys, AbsentClassScores));
        AssertSameMetrics(reference, metrics);
        Assert.Contains(warnings, w => w.Contains("Skipped 2 row(s) whose score vector in column 'Score' holds NaN or an infinity",
            StringComparison.Ordinal));
    }

    [Fact]
    public void ALabelWithNoScoreSlotCountsAsAWrongRowAndIsReported()
    {
        var (ml, warnings) = ContextWithLog();
        // Key<3> labels but a 2-slot Score: key 3 (class 2) is a class the model never saw.
        //   class  scores       predicted (tie -> lower index)
        //   0      0.5  0.5     0  ok
        //   1      0.25 0.75    1  ok
        //   2      0.5  0.5     -  wrong, not in the confusion table
        var metrics = ml.MulticlassClassification.Evaluate(
            ScoredRows.WithKeyLabels([1, 2, 3], [[0.5f, 0.5f], [0.25f, 0.75f], [0.5f, 0.5f]], keyCount: 3), topKPredictionCount: 3);
        Assert.Equal(2.0 / 3, metrics.MicroAccuracy, 15);          // 2 correct of 3 rows
        Assert.Equal(1.0, metrics.MacroAccuracy, 15);              // classes 0 and 1 both fully right
        Assert.Equal([2.0 / 3, 2.0 / 3, 2.0 / 3], metrics.TopKAccuracyForAllK); // the unknown row is never in the top K
        Assert.Equal(2, metrics.ConfusionMatrix.NumberOfClasses);
        Assert.Equal(2.0, metrics.ConfusionMatrix.Counts.Sum(row => row.Sum()));
        Assert.Contains(warnings, w => w.Contains("Found 1 row(s) whose label is a class with no score slot", StringComparison.Ordinal));
    }

    [Fact]
    public void MetricsComeFromTheScoresNotFromPredictedLabel()
    {
        var ml = new MLContext(seed: 1);
        var honest = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(AbsentClassKeys, AbsentClassScores));
        // A PredictedLabel that always says class 2 changes nothing: ML.NET's evaluator uses the argmax of Score.
        var lying = ml.MulticlassClassification.Evaluate(
            ScoredRows.WithKeyLabels(AbsentClassKeys, AbsentClassScores, predictedKeys: [3, 3, 3, 3, 3, 3]));
        AssertSameMetrics(honest, lying);
    }

    [Fact]
    public void EvaluationReadsTheDataOnceWithOnlyLabelAndScoreActive()
    {
        var ml = new MLContext(seed: 1);
        var data = ScoredRows.WithKeyLabels(AbsentClassKeys, AbsentClassScores);
        ml.MulticlassClassification.Evaluate(data, topKPredictionCount: 2);
        var cursor = Assert.Single(data.CursorsOpened);
        Assert.Equal(["Label", "Score"], cursor.Order());
    }

    [Fact]
    public void SparseScoreVectorsAreReadWithTheirImplicitZeros()
    {
        var ml = new MLContext(seed: 1);
        // Both rows store only slot 2 (= 1); slots 0 and 1 are implicit zeros, which are finite.
        //   class 2: predicted 2, p = 1 -> loss 0;  class 0: predicted 2, p = 0 -> clipped, 34.53877639128319.
        var sparse = new VBuffer<float>(3, 1, [1f], [2]);
        var data = new ColumnsDataView()
            .Add("Label", new KeyDataViewType(typeof(uint), 3), new uint[] { 3, 1 })
            .Add("Score", new VectorDataViewType(NumberDataViewType.Single, 3), new[] { sparse, sparse })
            .Add("PredictedLabel", new KeyDataViewType(typeof(uint), 3), new uint[] { 3, 3 });
        var metrics = ml.MulticlassClassification.Evaluate(data);
        Assert.Equal(0.5, metrics.MicroAccuracy);
        Assert.Equal(34.53877639128319 / 2, metrics.LogLoss, 12);
        Assert.Equal(1.0, metrics.ConfusionMatrix.GetCountForClassPair(predictedClassIndicatorIndex: 2, actualClassIndicatorIndex: 0));
    }

    [Fact]
    public void CustomColumnNamesAreHonoured()
    {
        var ml = new MLContext(seed: 1);
        var data = new ColumnsDataView()
            .Add("Truth", new KeyDataViewType(typeof(uint), 3), AbsentClassKeys)
            .Add("Probabilities", new VectorDataViewType(NumberDataViewType.Single, 3), ScoredRows.Vectors(AbsentClassScores))
            .Add("Guess", new KeyDataViewType(typeof(uint), 3), ScoredRows.ArgmaxKeys(AbsentClassScores));
        var metrics = ml.MulticlassClassification.Evaluate(data, "Truth", "Probabilities", "Guess");
        Assert.Equal(4.0 / 6, metrics.MicroAccuracy, 15);
    }

    internal static void AssertSameMetrics(MulticlassClassificationMetrics expected, MulticlassClassificationMetrics actual)
    {
        Assert.Equal(expected.MicroAccuracy, actual.MicroAccuracy);
        Assert.Equal(expected.MacroAccuracy, actual.MacroAccuracy);
        Assert.Equal(expected.LogLoss, actual.LogLoss);
        Assert.Equal(expected.LogLossReduction, actual.LogLossReduction);
        Assert.Equal(expected.TopKAccuracyForAllK, actual.TopKAccuracyForAllK);
        Assert.Equal(expected.PerClassLogLoss, actual.PerClassLogLoss);
        Assert.Equal(expected.ConfusionMatrix.Counts, actual.ConfusionMatrix.Counts);
    }
}
