// End to end on the repository's sample dataset (datasets/sample: 480 training and 160 test rows of
// four news topics) with the trainer's DEFAULT options: the recipe must learn it. The bar is set a few
// points below what the defaults were measured to reach (see the constant), so a regression in the
// tokenizer, the batching, the engine or the recipe fails here, while a different CPU (other SIMD
// kernels round differently, which acts like another seed) does not.
using MlNetAttention.Estimators.Tests.Support;
using Xunit.Abstractions;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class EndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public void Defaults_learn_the_sample_dataset()
    {
        var context = new MLContext(seed: 1);
        context.Log += (_, e) =>
        {
            if (e.Source.StartsWith("AttentionTextClassification", StringComparison.Ordinal) && !e.RawMessage.Contains(" step ", StringComparison.Ordinal)) output.WriteLine(e.RawMessage);
        };
        var (train, test) = SampleData.Load(context);
        var pipeline = context.MulticlassClassification.Trainers.AttentionTextClassification();

        var model = pipeline.Fit(train);
        var scored = ScoredRows.Read(model.Transform(test));
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));

        output.WriteLine($"Test accuracy {scored.Accuracy:P2} on {scored.Predicted.Length} rows (macro {metrics.MacroAccuracy:P2}, " +
            $"log-loss {metrics.LogLoss:F3}); trained in {model.TrainingSummary.TrainingSeconds:F1} s.");
        output.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());
        Assert.Equal(160, scored.Predicted.Length);
        Assert.Equal(432, model.TrainingSummary.TrainingRows); // 10 % of 480 held out for early stopping
        Assert.Equal(scored.Accuracy, metrics.MicroAccuracy, 12);
        Assert.True(scored.Accuracy >= MinimumAccuracy, $"accuracy {scored.Accuracy:P2} < {MinimumAccuracy:P0}");
    }

    // Measured (2 cores, AVX-512, shared machine) with the tuned defaults (n-gram bag with subword
    // features, embedding dropout 0.5, word dropout 0.2, 37 planned epochs with patience 10): 88.75 % with
    // this test's seed, 80.0–89.4 % over seeds 1–6 and 79.4 % with seed 0 (bench tune); 84.4–90.0 % over
    // seeds 1–6 before the subword features. The recipe before the tuning reached 68.8–76.9 %; TF-IDF + logistic
    // regression reaches 92.5 %. Chance is 25 %.
    private const double MinimumAccuracy = 0.80;
}
