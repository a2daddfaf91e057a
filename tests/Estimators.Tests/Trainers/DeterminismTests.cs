// The same MLContext(seed), data and thread count give a bit-identical model: identical weights file
// bytes and identical scores. Different seeds give different models (so the test above cannot pass
// by ignoring the seed), an explicit Options.Seed overrides the context's, and the engine's kernels
// split work independently of the thread count, so 1 and 2 threads agree bit for bit too.
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class DeterminismTests
{
    private static (byte[] Weights, float[][] Scores) Train(int contextSeed, int? optionSeed, int threads = 1)
    {
        var context = new MLContext(seed: contextSeed);
        var data = TinyData.Keyed(context, 160);
        var options = TinyData.TinyOptions(optionSeed);
        options.NumberOfThreads = threads;
        var model = context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(data);
        using var file = new MemoryStream();
        context.Model.Save(model, data.Schema, file);
        return (WeightsOf(file), ScoredRows.Read(model.Transform(data)).Scores);
    }

    // The weights entry of the saved model (the zip itself holds timestamps).
    private static byte[] WeightsOf(MemoryStream modelFile)
    {
        modelFile.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(modelFile, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        using var entry = zip.Entries.Single(e => e.Name == "weights.safetensors").Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Same_context_seed_gives_bit_identical_weights_and_scores()
    {
        var a = Train(contextSeed: 7, optionSeed: null);
        var b = Train(contextSeed: 7, optionSeed: null);

        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Scores, b.Scores);
    }

    [Fact]
    public void Different_context_seeds_give_different_models()
    {
        var a = Train(contextSeed: 7, optionSeed: null);
        var b = Train(contextSeed: 8, optionSeed: null);

        Assert.NotEqual(a.Weights, b.Weights);
    }

    [Fact]
    public void An_explicit_seed_overrides_the_context_seed()
    {
        var a = Train(contextSeed: 7, optionSeed: 3);
        var b = Train(contextSeed: 99, optionSeed: 3);

        Assert.Equal(a.Weights, b.Weights);
    }

    [Fact]
    public void One_and_two_threads_give_the_same_model()
    {
        var a = Train(contextSeed: 7, optionSeed: 3, threads: 1);
        var b = Train(contextSeed: 7, optionSeed: 3, threads: 2);

        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Scores, b.Scores);
    }

    [Fact]
    public void The_seed_used_is_reported_and_saved()
    {
        var context = new MLContext(seed: 7);
        var model = context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions(seed: null)).Fit(TinyData.Keyed(context, 40));
        var replay = new MLContext(seed: 7);
        var options = TinyData.TinyOptions(seed: model.TrainingSummary.Seed);
        var again = replay.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(TinyData.Keyed(replay, 40));

        Assert.Equal(ScoredRows.Read(model.Transform(TinyData.Keyed(context, 40))).Scores,
            ScoredRows.Read(again.Transform(TinyData.Keyed(replay, 40))).Scores);
    }
}
