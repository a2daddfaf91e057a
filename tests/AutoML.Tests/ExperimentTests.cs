// The experiment end to end on small synthetic data: the validation plan follows the data size, a
// classic search returns a usable, savable best model, halving hands the epoch-budgeted family
// growing epochs, failing trials are recorded and skipped, the time budget and cancellation are held
// (elapsed times asserted), the same seed and threads give the same leaderboard, and bad arguments
// are refused naming the parameter.
using System.Diagnostics;
using Microsoft.ML;

namespace MlNetAttention.AutoML.Tests;

public class ExperimentTests
{
    private static MulticlassExperimentSettings Settings(params ITrialPipelineFactory[] families) => new()
    {
        MaxExperimentTimeInSeconds = 600,
        Seed = 7,
        NumberOfThreads = 1,
        CrossValidationFolds = 3,
        Trainers = families.ToList(),
    };

    [Fact]
    public void Classic_search_returns_a_full_budget_best_model_that_predicts_and_survives_save_and_load()
    {
        var ml = new MLContext(1);
        var settings = Settings(new SdcaMaximumEntropyFamily(), new LbfgsMaximumEntropyFamily());
        settings.MaxModels = 5;
        settings.Halving = new SuccessiveHalvingSchedule(2, 1); // rung 0: full data on fold 1; rung 1: all 3 folds
        var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 300, 1));

        Assert.Equal(ValidationKind.CrossValidation, result.Validation.Kind);
        Assert.Equal(3, result.Validation.Folds);
        Assert.Equal(5, result.RunDetails.Count);
        var best = Assert.IsType<RunDetail<Microsoft.ML.Data.MulticlassClassificationMetrics>>(result.BestRun);
        Assert.True(best.Budget.IsFull);
        Assert.True(best.Budget.AllFolds);
        Assert.Equal(3, best.FoldMetricValues.Count);
        Assert.Equal(best.FoldMetricValues.Average(), best.MetricValue, 12);
        Assert.All(result.RunDetails.Where(r => r.Budget.Rung == 0), r => Assert.Single(r.FoldMetricValues));
        Assert.NotNull(best.Model);
        Assert.NotNull(best.Estimator);
        Assert.All(result.RunDetails.Where(r => r != best), r => Assert.Null(r.Model)); // no cache directory: only the best is kept

        var test = SyntheticText.Load(ml, 200, 99);
        var accuracy = ml.MulticlassClassification.Evaluate(best.Model!.Transform(test), "Label").MicroAccuracy;
        Assert.True(accuracy > 0.8, $"test accuracy {accuracy}");

        using var stream = new MemoryStream();
        ml.Model.Save(best.Model, test.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        var before = ml.Data.CreateEnumerable<Prediction>(best.Model.Transform(test), false).Select(p => p.PredictedLabel);
        var after = ml.Data.CreateEnumerable<Prediction>(loaded.Transform(test), false).Select(p => p.PredictedLabel);
        Assert.Equal(before, after);
        Assert.All(before, label => Assert.StartsWith("topic", label)); // MapKeyToValue turned keys back into labels
    }

    [Fact]
    public void Large_data_gets_a_holdout_and_a_given_validation_set_is_used_as_such()
    {
        var ml = new MLContext(1);
        var settings = Settings(new SdcaMaximumEntropyFamily());
        settings.MaxModels = 1;
        settings.CrossValidationRowThreshold = 100;
        var holdout = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 300, 1));
        Assert.Equal(ValidationKind.Holdout, holdout.Validation.Kind);
        Assert.Equal(300, holdout.Validation.TrainingRowCount);
        Assert.Contains("holdout", holdout.Validation.Description);

        var given = ml.Auto().CreateMulticlassClassificationExperiment(settings)
            .Execute(SyntheticText.Load(ml, 150, 1), SyntheticText.Load(ml, 90, 2));
        Assert.Equal(ValidationKind.ValidationSet, given.Validation.Kind);
        Assert.Equal(TrialStatus.Completed, Assert.Single(given.RunDetails).Status);
    }

    [Fact]
    public void Halving_gives_the_epoch_family_one_ninth_then_a_third_then_all_of_its_epochs()
    {
        var ml = new MLContext(1);
        var neural = new FakeNeuralFamily(TimeSpan.Zero);
        var settings = Settings(neural);
        settings.MaxModels = 13; // 9 at rung 0 → 3 at rung 1 → 1 at rung 2 (ASHA interleaves them)
        settings.CrossValidationRowThreshold = 0; // holdout: one fit per trial
        var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 240, 3));

        Assert.All(result.RunDetails, r => Assert.Equal(TrialStatus.Completed, r.Status));
        var byRung = result.RunDetails.GroupBy(r => r.Budget.Rung).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(9, byRung[0]);
        Assert.Equal(3, byRung[1]);
        Assert.Equal(1, byRung[2]);
        Assert.All(neural.Built, b => Assert.Equal(b.Budget.Epochs(b.Parameters.GetInt32("maxEpochs")), b.Epochs));
        Assert.All(neural.Built.Where(b => b.Budget.Rung == 0), b => Assert.Equal(b.Parameters.GetInt32("maxEpochs") / 9, b.Epochs));
        // A promoted configuration keeps its parameters: every rung-1 configuration ran at rung 0 first.
        var rungZero = result.RunDetails.Where(r => r.Budget.Rung == 0).Select(r => r.ConfigurationId).ToHashSet();
        Assert.All(result.RunDetails.Where(r => r.Budget.Rung > 0), r => Assert.Contains(r.ConfigurationId, rungZero));
        Assert.True(result.BestRun!.Budget.IsFull);
    }

    [Fact]
    public void Failing_trials_are_recorded_with_their_exception_and_the_search_goes_on()
    {
        var ml = new MLContext(1);
        var settings = Settings(new MisbehavingFamily("outOfMemory"), new MisbehavingFamily("badOptions"), new SdcaMaximumEntropyFamily());
        settings.MaxModels = 4;
        settings.CrossValidationRowThreshold = 0;
        var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 200, 1));

        Assert.Equal(4, result.RunDetails.Count);
        var oom = result.RunDetails.First(r => r.TrainerName == "Misbehaving-outOfMemory");
        Assert.Equal(TrialStatus.Failed, oom.Status);
        Assert.IsType<OutOfMemoryException>(oom.Exception);
        var bad = result.RunDetails.First(r => r.TrainerName == "Misbehaving-badOptions");
        Assert.Equal(TrialStatus.Failed, bad.Status);
        Assert.IsType<ArgumentException>(bad.Exception);
        Assert.True(double.IsNaN(bad.MetricValue));
        Assert.Equal("SdcaMaximumEntropy", result.BestRun!.TrainerName);
        Assert.Equal("MaxModels reached", result.StopReason);
    }

    [Fact]
    public void The_time_budget_is_held_within_five_percent()
    {
        var ml = new MLContext(1);
        // 0.25 s per epoch: full trials of 9 or 18 epochs take 2–5 s, so the budget binds mid-search.
        var settings = Settings(new FakeNeuralFamily(TimeSpan.FromMilliseconds(250)));
        settings.MaxExperimentTimeInSeconds = 8;
        settings.CrossValidationRowThreshold = 0;
        var clock = Stopwatch.StartNew();
        var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 200, 1));
        double elapsed = clock.Elapsed.TotalSeconds;

        Assert.True(elapsed <= 8 * 1.05, $"took {elapsed:0.00} s of an 8 s budget");
        Assert.True(result.ElapsedSeconds <= 8 * 1.05);
        Assert.NotEmpty(result.RunDetails);
        Assert.Contains(result.RunDetails, r => r.Status == TrialStatus.Completed);
        Assert.All(result.RunDetails, r => Assert.True(r.StartedAtSeconds + r.RuntimeInSeconds <= 8 * 1.05));
    }

    [Fact]
    public void Cancellation_returns_within_a_second_and_keeps_the_finished_trials()
    {
        var ml = new MLContext(1);
        using var cancellation = new CancellationTokenSource();
        var settings = Settings(new FakeNeuralFamily(TimeSpan.FromMilliseconds(300)));
        settings.CancellationToken = cancellation.Token;
        settings.CrossValidationRowThreshold = 0;
        var progress = new SynchronousProgress(run =>
        {
            if (run.TrialId == 2)
                cancellation.CancelAfter(TimeSpan.FromSeconds(0.15)); // in the middle of trial 3 (≥ 0.3 s)
        });
        Stopwatch? sinceCancel = null;
        cancellation.Token.Register(() => sinceCancel = Stopwatch.StartNew());
        var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 200, 1), progressHandler: progress);

        Assert.NotNull(sinceCancel);
        Assert.True(sinceCancel!.Elapsed.TotalSeconds < 1.0, $"returned {sinceCancel.Elapsed.TotalSeconds:0.00} s after cancellation");
        Assert.Equal("cancelled by the caller", result.StopReason);
        Assert.Equal(3, result.RunDetails.Count);
        Assert.All(result.RunDetails.Take(2), r => Assert.Equal(TrialStatus.Completed, r.Status));
        Assert.Equal(TrialStatus.Cancelled, result.RunDetails[2].Status);
        Assert.False(result.RunDetails[2].StillStopping);
        Assert.NotNull(result.BestRun);
    }

    [Fact]
    public void A_trainer_that_ignores_cancellation_is_left_behind_within_a_second_and_reported()
    {
        var ml = new MLContext(1);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var settings = Settings(new MisbehavingFamily("stubborn", stubbornFor: TimeSpan.FromSeconds(3)));
        settings.CancellationToken = cancellation.Token;
        settings.CrossValidationRowThreshold = 0;
        var clock = Stopwatch.StartNew();
        var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 100, 1));

        Assert.True(clock.Elapsed.TotalSeconds < 2.0, $"took {clock.Elapsed.TotalSeconds:0.00} s; cancelled at 1 s");
        var run = Assert.Single(result.RunDetails);
        Assert.True(run.Status == TrialStatus.Cancelled, run.Exception?.ToString());
        Assert.True(run.StillStopping);
        Assert.Null(result.BestRun);
    }

    [Fact]
    public void The_same_seed_and_threads_give_the_same_leaderboard()
    {
        string Leaderboard()
        {
            var ml = new MLContext(1);
            var settings = Settings(new SdcaMaximumEntropyFamily(), new FakeNeuralFamily(TimeSpan.Zero));
            settings.MaxModels = 7;
            settings.CrossValidationRowThreshold = 0;
            var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 240, 5));
            return string.Join("\n", AutoML.Leaderboard.From(result).Entries.Select(e =>
                $"{e.Rank} {e.TrialId} {e.TrainerName} r{e.Rung} {e.Parameters} {e.MetricValue:R} {e.LogLoss:R}"));
        }
        string first = Leaderboard();
        Assert.Equal(first, Leaderboard());
        Assert.Equal(7, first.Split('\n').Length);
    }

    [Fact]
    public void The_seed_comes_from_the_MLContext_when_the_settings_have_none()
    {
        int SeedWith(int contextSeed)
        {
            var ml = new MLContext(contextSeed);
            var settings = Settings(new SdcaMaximumEntropyFamily());
            settings.Seed = null;
            settings.MaxModels = 1;
            settings.CrossValidationRowThreshold = 0;
            return ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 60, 1)).Seed;
        }
        Assert.Equal(SeedWith(3), SeedWith(3));
        Assert.NotEqual(SeedWith(3), SeedWith(4));
    }

    [Fact]
    public void Bad_settings_and_columns_are_refused_naming_the_parameter()
    {
        var ml = new MLContext(1);
        var data = SyntheticText.Load(ml, 20, 1);
        Assert.Equal("MaxExperimentTimeInSeconds", Assert.Throws<ArgumentException>(() =>
            ml.Auto().CreateMulticlassClassificationExperiment(new MulticlassExperimentSettings { MaxExperimentTimeInSeconds = 0 })).ParamName);
        Assert.Equal("TopKPredictionCount", Assert.Throws<ArgumentException>(() => ml.Auto().CreateMulticlassClassificationExperiment(
            new MulticlassExperimentSettings { OptimizingMetric = MulticlassClassificationMetric.TopKAccuracy })).ParamName);
        Assert.Equal("Trainers", Assert.Throws<ArgumentException>(() => ml.Auto().CreateMulticlassClassificationExperiment(
            new MulticlassExperimentSettings { Trainers = [] })).ParamName);
        var experiment = ml.Auto().CreateMulticlassClassificationExperiment(5);
        var missing = Assert.Throws<ArgumentException>(() => experiment.Execute(data, labelColumnName: "Category"));
        Assert.Equal("labelColumnName", missing.ParamName);
        Assert.Contains("Category", missing.Message);
        var notText = Assert.Throws<ArgumentException>(() =>
            experiment.Execute(ml.Data.LoadFromEnumerable(new[] { new { Label = "a", Text = 1f } }), "Label", "Text"));
        Assert.Equal("textColumnName", notText.ParamName);
    }

    [Fact]
    public void With_a_cache_directory_every_completed_trial_keeps_a_model_file_loaded_on_demand()
    {
        var ml = new MLContext(1);
        string directory = Path.Combine(Path.GetTempPath(), $"automl-cache-{Guid.NewGuid():N}");
        try
        {
            var settings = Settings(new MisbehavingFamily("outOfMemory"), new SdcaMaximumEntropyFamily());
            settings.MaxModels = 4;
            settings.CrossValidationRowThreshold = 0;
            settings.CacheDirectoryName = directory;
            var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 150, 1));

            var completed = result.RunDetails.Where(r => r.Status == TrialStatus.Completed).ToList();
            Assert.True(completed.Count >= 2);
            Assert.All(completed, r => Assert.True(File.Exists(r.ModelPath), r.ModelPath));
            Assert.All(result.RunDetails.Where(r => r.Status == TrialStatus.Failed), r => Assert.Null(r.ModelPath));
            var notBest = completed.First(r => r != result.BestRun);
            var test = SyntheticText.Load(ml, 50, 2);
            double accuracy = ml.MulticlassClassification.Evaluate(notBest.Model!.Transform(test), "Label").MicroAccuracy;
            Assert.InRange(accuracy, 0.3, 1.0); // a real three-class model, loaded from its file
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Minimising_log_loss_picks_the_full_budget_run_with_the_lowest_log_loss()
    {
        var ml = new MLContext(1);
        var settings = Settings(new SdcaMaximumEntropyFamily(), new LbfgsMaximumEntropyFamily());
        settings.OptimizingMetric = MulticlassClassificationMetric.LogLoss;
        settings.MaxModels = 6;
        settings.CrossValidationRowThreshold = 0;
        settings.Halving = new SuccessiveHalvingSchedule(2, 2);
        var result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 200, 6));

        var full = result.RunDetails.Where(r => r.Status == TrialStatus.Completed && r.Budget.IsFull).ToList();
        Assert.True(full.Count >= 2, $"{full.Count} full-budget runs");
        Assert.Equal(full.Min(r => r.MetricValue), result.BestRun!.MetricValue);
        Assert.Equal(result.BestRun.ValidationMetrics!.LogLoss, result.BestRun.MetricValue, 12);
    }

    [Fact]
    public void MLContext_cancellation_is_reachable_in_this_Microsoft_ML()
    {
        // If this fails, Microsoft.ML no longer has MLContext.CancelExecution(): trials of trainers that read their own
        // cache (SDCA, L-BFGS) will only stop at the end of a pass over the data.
        Assert.True(MlContextCancellation.IsAvailable, "MLContext.CancelExecution() not found in this Microsoft.ML");
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
    }

    /// <summary>Progress<T> posts to the thread pool; this one reports on the experiment's thread, in order.</summary>
    private sealed class SynchronousProgress(Action<RunDetail<Microsoft.ML.Data.MulticlassClassificationMetrics>> onReport)
        : IProgress<RunDetail<Microsoft.ML.Data.MulticlassClassificationMetrics>>
    {
        public void Report(RunDetail<Microsoft.ML.Data.MulticlassClassificationMetrics> value) => onReport(value);
    }
}
