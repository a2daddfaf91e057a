// Cross-check against scikit-learn: Fixtures/multiclass_metrics.json holds 300 random labelled
// probability rows (5 classes, 17 rows giving the true class probability 0) and sklearn's accuracy,
// balanced accuracy, log_loss (eps = float32(1e-15), ML.NET's floor), top_k_accuracy, confusion
// matrix, precision and recall; LogLossReduction is computed there with numpy from its definition.
// Regenerate with: /usr/bin/python3 tests/Data.Tests/Evaluation/Fixtures/make_metrics_fixture.py
using System.Text.Json;
using MlNetAttention.Data.Tests.Evaluation.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Evaluation;

public sealed class SklearnCrossCheckTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void EvaluateAgreesWithScikitLearn()
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "tests", "Data.Tests", "Evaluation", "Fixtures", "multiclass_metrics.json");
        using var fixture = JsonDocument.Parse(File.ReadAllText(path));
        var root = fixture.RootElement;
        int K = root.GetProperty("numberOfClasses").GetInt32();
        float denominator = root.GetProperty("scoreDenominator").GetInt32();
        uint[] keys = root.GetProperty("labels").EnumerateArray().Select(l => (uint)l.GetInt32() + 1).ToArray();
        float[][] scores = root.GetProperty("scoreNumerators").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(n => n.GetInt32() / denominator).ToArray()).ToArray();
        Assert.True(root.GetProperty("zeroTrueClassRows").GetInt32() > 0, "The fixture must exercise the clipping.");
        var expected = root.GetProperty("expected");
        double Number(string name) => expected.GetProperty(name).GetDouble();
        double[] Numbers(string name) => expected.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(keys, scores), topKPredictionCount: K);

        Assert.Equal(Number("MicroAccuracy"), metrics.MicroAccuracy, Tolerance);
        Assert.Equal(Number("MacroAccuracy"), metrics.MacroAccuracy, Tolerance);
        Assert.Equal(Number("LogLoss"), metrics.LogLoss, Tolerance);
        Assert.Equal(Number("LogLossReduction"), metrics.LogLossReduction, Tolerance);
        AssertClose(Numbers("TopKAccuracyForAllK"), metrics.TopKAccuracyForAllK, "TopKAccuracyForAllK");
        AssertClose(Numbers("PerClassLogLoss"), metrics.PerClassLogLoss, "PerClassLogLoss");
        AssertClose(Numbers("PerClassPrecision"), metrics.ConfusionMatrix.PerClassPrecision, "PerClassPrecision");
        AssertClose(Numbers("PerClassRecall"), metrics.ConfusionMatrix.PerClassRecall, "PerClassRecall");
        var counts = expected.GetProperty("ConfusionMatrix").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        for (int actual = 0; actual < K; actual++) Assert.Equal(counts[actual], metrics.ConfusionMatrix.Counts[actual]);
    }

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.True(expected.Length == actual.Count, $"{what}: expected {expected.Length} values, got {actual.Count}.");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance,
                $"{what}[{i}]: scikit-learn {expected[i]:R}, ours {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):E2}).");
        }
    }
}
