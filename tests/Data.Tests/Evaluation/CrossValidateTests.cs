// CrossValidationSplit and CrossValidate: the test folds partition the rows, each model is trained on
// exactly the other folds, each fold's metrics are Evaluate's on its held-out rows, folds are a pure
// function of the seed (and of the context's seed when none is given), a sampling key keeps equal keys
// in one fold, and bad arguments fail before any training.
using MlNetAttention.Data.Tests.Evaluation.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Evaluation;

public sealed class CrossValidateTests
{
    public sealed class Row
    {
        public int Id { get; set; }
        public string Group { get; set; } = "";
        [KeyType(3)] public uint Label { get; set; }
    }

    // Labels: 60% class 0, 20% class 1, 20% class 2; 83 groups of consecutive-ish ids.
    private static IDataView Rows(MLContext ml, int count) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, count)
        .Select(i => new Row { Id = i, Group = $"g{i % 83}", Label = i % 5 < 3 ? 1u : i % 5 == 3 ? 2u : 3u }).ToList());

    private static int[] Ids(IDataView data) => DataViewValues.ReadColumn(data, "Id").Cast<int>().ToArray();

    [Fact]
    public void FoldsPartitionTheRowsAndEachModelTrainsOnTheOtherFolds()
    {
        var ml = new MLContext(seed: 1);
        const int n = 1000;
        var data = Rows(ml, n);
        var estimator = new MajorityClassEstimator();
        var results = ml.MulticlassClassification.CrossValidate(data, estimator, numberOfFolds: 5, seed: 11);

        Assert.Equal(5, results.Count);
        Assert.Equal(5, estimator.TrainingIds.Count);
        var seen = new List<int>();
        for (int fold = 0; fold < results.Count; fold++)
        {
            var result = results[fold];
            Assert.Equal(fold, result.Fold);
            int[] test = Ids(result.ScoredHoldOutSet);
            // Binomial(1000, 0.2): standard deviation 12.6 rows, 5 sigma = 63.
            Assert.InRange(test.Length, 200 - 63, 200 + 63);
            // The model of this fold was trained on every row not in it, and only those.
            Assert.Equal(Enumerable.Range(0, n).Except(test).Order(), estimator.TrainingIds[fold].Order());
            seen.AddRange(test);
            AssertMetricsOfMajorityModel(result, estimator.TrainingIds[fold], test);
        }
        Assert.Equal(Enumerable.Range(0, n), seen.Order()); // every row in exactly one test fold
    }

    // The majority model scores every row with its training label distribution, so by hand:
    // MicroAccuracy = share of held-out rows of the training majority class (class 0 here),
    // LogLoss = mean of -ln(training share of each held-out row's class).
    private static void AssertMetricsOfMajorityModel(CrossValidationResult<MulticlassClassificationMetrics> result, int[] trainIds, int[] testIds)
    {
        static int ClassOf(int id) => id % 5 < 3 ? 0 : id % 5 == 3 ? 1 : 2;
        var share = Enumerable.Range(0, 3).Select(c => (float)((double)trainIds.Count(id => ClassOf(id) == c) / trainIds.Length)).ToArray();
        var model = Assert.IsType<MajorityClassTransformer>(result.Model);
        Assert.Equal(0, model.MajorityClass);
        Assert.Equal((double)testIds.Count(id => ClassOf(id) == 0) / testIds.Length, result.Metrics.MicroAccuracy, 12);
        Assert.Equal(testIds.Average(id => -Math.Log(share[ClassOf(id)])), result.Metrics.LogLoss, 12);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFoldsAndAnotherSeedOthers()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, 400);
        int[][] TestFolds(MLContext context, int? seed) =>
            context.MulticlassClassification.CrossValidate(data, new MajorityClassEstimator(), 4, seed: seed)
                .Select(r => Ids(r.ScoredHoldOutSet)).ToArray();
        var a = TestFolds(ml, 5);
        Assert.Equal(a, TestFolds(ml, 5));
        Assert.NotEqual(a, TestFolds(ml, 6));
        // Without a seed the folds come from the context's seed: the same for the same MLContext(seed).
        Assert.Equal(TestFolds(new MLContext(seed: 9), null), TestFolds(new MLContext(seed: 9), null));
        Assert.NotEqual(TestFolds(new MLContext(seed: 9), null), TestFolds(new MLContext(seed: 10), null));
    }

    [Fact]
    public void ASamplingKeyKeepsEqualKeysInOneFold()
    {
        var ml = new MLContext(seed: 1);
        var results = ml.MulticlassClassification.CrossValidate(Rows(ml, 830), new MajorityClassEstimator(), numberOfFolds: 3,
            samplingKeyColumnName: "Group", seed: 2);
        var groupsPerFold = results
            .Select(r => DataViewValues.ReadColumn(r.ScoredHoldOutSet, "Group").Cast<string>().ToHashSet()).ToArray();
        for (int i = 0; i < groupsPerFold.Length; i++)
        {
            Assert.NotEmpty(groupsPerFold[i]);
            for (int j = i + 1; j < groupsPerFold.Length; j++) Assert.Empty(groupsPerFold[i].Intersect(groupsPerFold[j]));
        }
        Assert.Equal(83, groupsPerFold.Sum(g => g.Count));
    }

    [Fact]
    public void CrossValidationSplitPairsEachFoldWithTheRest()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, 300);
        var splits = ml.Data.CrossValidationSplit(data, numberOfFolds: 3, seed: 4);
        Assert.Equal(3, splits.Count);
        foreach (var split in splits)
        {
            int[] test = Ids(split.TestSet);
            Assert.Equal(Enumerable.Range(0, 300).Except(test), Ids(split.TrainSet));
        }
        Assert.Equal(Enumerable.Range(0, 300), splits.SelectMany(s => Ids(s.TestSet)).Order());
    }

    [Fact]
    public void BadArgumentsFailBeforeAnyTraining()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, 50);
        var estimator = new MajorityClassEstimator();
        var cv = ml.MulticlassClassification;
        var folds = Assert.Throws<ArgumentOutOfRangeException>("numberOfFolds", () => cv.CrossValidate(data, estimator, numberOfFolds: 1));
        Assert.Equal(1, folds.ActualValue);
        Assert.Throws<ArgumentNullException>("estimator", () => cv.CrossValidate(data, null!));
        Assert.Throws<ArgumentNullException>("data", () => cv.CrossValidate(null!, estimator));
        var key = Assert.Throws<SchemaMismatchException>(() => cv.CrossValidate(data, estimator, samplingKeyColumnName: "Missing"));
        Assert.Equal("Missing", key.ColumnName);
        // A label name the pipeline does not produce is reported from the predicted schema, before Fit.
        var label = Assert.Throws<SchemaMismatchException>(() => cv.CrossValidate(data, estimator, labelColumnName: "Truth"));
        Assert.Equal("Truth", label.ColumnName);
        Assert.Throws<ArgumentOutOfRangeException>("numberOfFolds", () => ml.Data.CrossValidationSplit(data, 0));
        Assert.Empty(estimator.TrainingIds);
    }
}
