// LogLoss (natural log, the true class's score clipped to [1e-15, 1] in single precision as ML.NET
// does), PerClassLogLoss, and LogLossReduction as a FRACTION against the prior of the evaluated labels.
// Scores are chosen exact in binary (0.5, 0.25, 0.75, 1, 0) so the arithmetic below is exact.
using MlNetAttention.Data.Tests.Evaluation.Support;

namespace MlNetAttention.Data.Tests.Evaluation;

public sealed class LogLossTests
{
    // -ln of ML.NET's floor (float)1e-15 = 1.0000000036274937e-15:
    // -ln(1e-15) - ln(1.0000000036274937) = 34.538776394910684 - 3.6274937e-9 = 34.53877639128319.
    private const double ZeroProbabilityLoss = 34.53877639128319;

    [Fact]
    public void TheFloorIsMLNetsSinglePrecision1e15()
    {
        Assert.Equal(ZeroProbabilityLoss, -Math.Log((double)(float)1e-15), 12);
        // It differs from -ln(1e-15) by only 3.6e-9, far below any tolerance a user compares with.
        Assert.Equal(ZeroProbabilityLoss, -Math.Log(1e-15), 8);
    }

    [Fact]
    public void ProbabilitiesAreClippedToTheFloorAndToOne()
    {
        var ml = new MLContext(seed: 1);
        //   class  scores        p used       -ln p
        //   0      0.5  0.5      0.5          0.6931471805599453
        //   1      1    0        0 -> floor   34.53877639128319
        //   0      1.5 -0.5      1.5 -> 1     0
        //   1      0.25 0.75     0.75         0.2876820724517809
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels([1, 2, 1, 2],
            [[0.5f, 0.5f], [1f, 0f], [1.5f, -0.5f], [0.25f, 0.75f]]));
        double expected = (Math.Log(2) + ZeroProbabilityLoss + 0 - Math.Log(0.75)) / 4; // = 8.880564...
        Assert.Equal(expected, metrics.LogLoss, 12);
        // Per class: class 0 has rows 1 and 3 -> (ln 2 + 0) / 2; class 1 has rows 2 and 4 -> (34.5387... - ln 0.75) / 2.
        Assert.Equal(Math.Log(2) / 2, metrics.PerClassLogLoss[0], 12);
        Assert.Equal((ZeroProbabilityLoss - Math.Log(0.75)) / 2, metrics.PerClassLogLoss[1], 12);
    }

    [Fact]
    public void PerClassLogLossIsZeroForAClassWithNoRows()
    {
        var ml = new MLContext(seed: 1);
        // Only class 1 occurs: class 0 and class 2 get 0; class 1's rows cost -ln 0.5 and -ln 0.25.
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels([2, 2],
            [[0.25f, 0.5f, 0.25f], [0.5f, 0.25f, 0.25f]]));
        Assert.Equal(new[] { 0, (Math.Log(2) + Math.Log(4)) / 2, 0 }, metrics.PerClassLogLoss.ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void ReductionOnBalancedClassesIsAFraction()
    {
        var ml = new MLContext(seed: 1);
        // 3 balanced classes, the true class always gets 0.5: LogLoss = ln 2, prior = ln 3,
        // reduction = (ln 3 - ln 2) / ln 3 = 1 - ln 2 / ln 3 = 0.3690702464285426 (a fraction, not 36.9).
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels([1, 2, 3],
            [[0.5f, 0.25f, 0.25f], [0.25f, 0.5f, 0.25f], [0.25f, 0.25f, 0.5f]]));
        Assert.Equal(Math.Log(2), metrics.LogLoss, 14);
        Assert.Equal(0.3690702464285426, metrics.LogLossReduction, 12);
    }

    [Fact]
    public void ReductionOnUnbalancedClassesUsesTheEvaluatedLabelDistribution()
    {
        var ml = new MLContext(seed: 1);
        uint[] keys = [1, 1, 1, 2]; // priors 3/4 and 1/4: LL_prior = -(0.75 ln 0.75 + 0.25 ln 0.25) = 0.5623351446188083
        // A model that always says (0.5, 0.5): LogLoss ln 2 = 0.6931471805599453, worse than the prior:
        // (0.5623351446188083 - 0.6931471805599453) / 0.5623351446188083 = -0.23262290680731135.
        var uniform = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(keys, [[0.5f, 0.5f], [0.5f, 0.5f], [0.5f, 0.5f], [0.5f, 0.5f]]));
        Assert.Equal(-0.23262290680731135, uniform.LogLossReduction, 12);
        // The prior model itself, (0.75, 0.25) on every row: LogLoss = LL_prior, reduction 0.
        float[] prior = [0.75f, 0.25f];
        var priorModel = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels(keys, [prior, prior, prior, prior]));
        Assert.Equal(0.5623351446188083, priorModel.LogLoss, 14);
        Assert.Equal(0.0, priorModel.LogLossReduction, 14);
    }

    [Fact]
    public void APerfectModelHasReductionOne()
    {
        var ml = new MLContext(seed: 1);
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels([1, 2, 2, 3],
            [[1f, 0f, 0f], [0f, 1f, 0f], [0f, 1f, 0f], [0f, 0f, 1f]]));
        Assert.Equal(0.0, metrics.LogLoss);
        Assert.Equal(1.0, metrics.LogLossReduction);
        Assert.Equal(1.0, metrics.MicroAccuracy);
        Assert.Equal(1.0, metrics.MacroAccuracy);
    }

    [Fact]
    public void TheUniformModelOnBalancedClassesHasReductionZero()
    {
        var ml = new MLContext(seed: 1);
        // 4 balanced classes, every score 0.25: LogLoss = ln 4 = the prior's entropy, reduction exactly 0.
        float[] uniform = [0.25f, 0.25f, 0.25f, 0.25f];
        var metrics = ml.MulticlassClassification.Evaluate(ScoredRows.WithKeyLabels([1, 2, 3, 4], [uniform, uniform, uniform, uniform]));
        Assert.Equal(Math.Log(4), metrics.LogLoss, 14);
        Assert.Equal(0.0, metrics.LogLossReduction, 14);
    }

    [Fact]
    public void AnUnseenClassCostsTheFloorAndCountsInTheTotalButNotInThePriorTerms()
    {
        var ml = new MLContext(seed: 1);
        // Key<3> label, 2 score slots: the third row's class (2) has no slot.
        //   class 0, p = 0.5 -> ln 2;  class 1, p = 0.75 -> -ln 0.75;  class 2 -> 34.53877639128319
        var metrics = ml.MulticlassClassification.Evaluate(
            ScoredRows.WithKeyLabels([1, 2, 3], [[0.5f, 0.5f], [0.25f, 0.75f], [0.5f, 0.5f]], keyCount: 3));
        double logLoss = (Math.Log(2) - Math.Log(0.75) + ZeroProbabilityLoss) / 3;
        Assert.Equal(logLoss, metrics.LogLoss, 12);
        // ML.NET's prior: N = 3 rows, classes 0 and 1 once each (the unseen class has no term):
        // -(1/3 ln 1/3 + 1/3 ln 1/3) = (2/3) ln 3 = 0.7324081924454064.
        double prior = 2.0 / 3 * Math.Log(3);
        Assert.Equal((prior - logLoss) / prior, metrics.LogLossReduction, 12);
        Assert.Equal(new[] { Math.Log(2), -Math.Log(0.75) }, metrics.PerClassLogLoss.ToArray(), new ToleranceComparer(1e-12));
    }

    internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
