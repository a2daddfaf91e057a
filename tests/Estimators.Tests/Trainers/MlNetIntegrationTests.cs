// The trainer inside real ML.NET pipelines, as a user writes them: next to FeaturizeText, evaluated by
// MulticlassClassification.Evaluate, cross-validated by CrossValidate, served by PredictionEngine,
// saved by Model.Save and loaded back in a NEW process (a plain ML.NET program that names nothing of
// ours); and its output columns are those of ML.NET's own multiclass trainer, SdcaMaximumEntropy:
// same names, order, types, annotation kinds and annotation values.
using System.Diagnostics;
using System.Globalization;
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.TestKit;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class MlNetIntegrationTests
{
    private static IDataView Raw(MLContext context, int rows, int seed = 1) => context.Data.LoadFromEnumerable(TinyData.Rows(rows, seed));

    [Fact]
    public void The_output_columns_and_annotations_are_those_of_SdcaMaximumEntropy()
    {
        var context = new MLContext(seed: 1);
        var raw = Raw(context, 80);
        var prefix = context.Transforms.Conversion.MapValueToKey("Label")
            .Append(context.Transforms.Text.FeaturizeText("Features", "Sentence1"));
        var sdca = prefix.Append(context.MulticlassClassification.Trainers.SdcaMaximumEntropy()).Fit(raw).Transform(raw).Schema;
        var ours = prefix.Append(context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions())).Fit(raw).Transform(raw).Schema;

        string[] added = ["PredictedLabel", "Score"];
        Assert.Equal(added, sdca.Skip(sdca.Count - 2).Select(c => c.Name));
        Assert.Equal(added, ours.Skip(ours.Count - 2).Select(c => c.Name));
        foreach (string name in added)
        {
            var expected = sdca[name];
            var actual = ours[name];
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Annotations.Schema.Select(a => (a.Name, a.Type)), actual.Annotations.Schema.Select(a => (a.Name, a.Type)));
            foreach (var annotation in expected.Annotations.Schema)
            {
                var e = DataViewValues.ReadAnnotation(expected, annotation.Name);
                var a = DataViewValues.ReadAnnotation(actual, annotation.Name);
                Assert.True(DataViewValues.Same(e, a), $"{name}.{annotation.Name}: SDCA {DataViewValues.Show(e)}, ours {DataViewValues.Show(a)}");
            }
        }
    }

    [Fact]
    public void Beside_FeaturizeText_it_evaluates_cross_validates_and_serves_with_a_PredictionEngine()
    {
        var context = new MLContext(seed: 1);
        var raw = Raw(context, 240);
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 20; // enough steps for the tiny model to learn the keyword topics (3 epochs of 11 steps do not)
        var pipeline = context.Transforms.Conversion.MapValueToKey("Label")
            .Append(context.Transforms.Text.FeaturizeText("Features", "Sentence1"))
            .AppendCacheCheckpoint(context)
            .Append(context.MulticlassClassification.Trainers.AttentionTextClassification(options))
            .Append(context.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var split = context.Data.TrainTestSplit(raw, testFraction: 0.25, seed: 2);

        var model = pipeline.Fit(split.TrainSet);
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        Assert.InRange(metrics.MicroAccuracy, 0.8, 1.0); // the tiny topics are easy: chance is 0.25
        Assert.Equal(4, metrics.ConfusionMatrix.NumberOfClasses);

        var folds = context.MulticlassClassification.CrossValidate(raw, pipeline, numberOfFolds: 2);
        Assert.Equal(2, folds.Count);
        Assert.All(folds, f => Assert.InRange(f.Metrics.MicroAccuracy, 0.6, 1.0));

        using var engine = context.Model.CreatePredictionEngine<TextRow, TopicPrediction>(model);
        var scored = context.Data.CreateEnumerable<TopicPrediction>(model.Transform(split.TestSet), reuseRowObject: false).ToList();
        var tests = context.Data.CreateEnumerable<TextRow>(split.TestSet, reuseRowObject: false).ToList();
        for (int i = 0; i < tests.Count; i++)
        {
            var single = engine.Predict(tests[i]);
            Assert.Equal(scored[i].PredictedLabel, single.PredictedLabel);
            Assert.Equal(scored[i].Score, single.Score); // batched Transform and single-row scoring agree exactly
        }
    }

    [Fact]
    public void A_saved_chain_loads_in_a_new_process_with_no_registration_and_scores_identically()
    {
        using var folder = new TempDirectory();
        var context = new MLContext(seed: 1);
        var raw = Raw(context, 120);
        var model = context.Transforms.Conversion.MapValueToKey("Label")
            .Append(context.MulticlassClassification.Trainers.AttentionTextClassification(TinyData.TinyOptions()))
            .Append(context.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(raw);
        string path = folder.File("model.zip");
        context.Model.Save(model, raw.Schema, path);
        string[] texts = TinyData.Rows(6, seed: 5).Select(r => r.Sentence1).ToArray();
        using var engine = context.Model.CreatePredictionEngine<TextRow, TopicPrediction>(model);
        var expected = texts.Select(t => engine.Predict(new TextRow { Sentence1 = t }))
            .Select(p => p.PredictedLabel + "\t" + string.Join(' ', p.Score.Select(s => s.ToString("R", CultureInfo.InvariantCulture))))
            .ToArray();

        var lines = RunProbe([path, .. texts]);

        Assert.Equal(expected, lines);
    }

    private static string[] RunProbe(string[] arguments)
    {
        // The probe is built beside this test project, in the same configuration (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string probe = Path.Combine(SharedData.RepositoryRoot, "tests", "ModelLoadProbe", "bin", configuration, "net10.0",
            "MlNetAttention.ModelLoadProbe.dll");
        Assert.True(File.Exists(probe), $"The probe program is not built at {probe}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(probe);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"The probe failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    private sealed class TopicPrediction
    {
        public string PredictedLabel { get; set; } = "";
        public float[] Score { get; set; } = [];
    }
}
