// The trainer's output meets the evaluator's contract (DESIGN.md "Contracts"): Score holds
// probabilities and PredictedLabel is a key, so MulticlassClassification.Evaluate computes from them
// the same accuracy and log-loss one computes by hand, and CrossValidate can train the trainer fold by fold.
using MlNetAttention.Estimators.Tests.Support;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class EvaluationIntegrationTests
{
    [Fact]
    public void Evaluate_reads_the_scores_as_probabilities()
    {
        var context = new MLContext(seed: 1);
        var model = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions()).Fit(TinyData.Keyed(context, 120));
        var scored = model.Transform(TinyData.Keyed(context, TinyData.Rows(60, seed: 3)));

        var metrics = context.MulticlassClassification.Evaluate(scored);

        var rows = ScoredRows.Read(scored);
        double logLoss = rows.Scores.Zip(rows.Labels).Average(p => -Math.Log(Math.Clamp((double)p.First[p.Second - 1], 1e-15, 1)));
        Assert.Equal(rows.Accuracy, metrics.MicroAccuracy, 12);
        Assert.Equal(logLoss, metrics.LogLoss, 5);
        Assert.True(metrics.LogLossReduction > 0, $"the model should beat the prior; reduction {metrics.LogLossReduction}");
    }

    [Fact]
    public void CrossValidate_trains_the_trainer_on_every_fold()
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 2;
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(options);

        var results = context.MulticlassClassification.CrossValidate(TinyData.Keyed(context, 90), trainer, numberOfFolds: 3);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.InRange(r.Metrics.MicroAccuracy, 0, 1));
        Assert.Equal(90, results.Sum(r => r.Metrics.ConfusionMatrix.Counts.Sum(row => row.Sum())));
    }
}
