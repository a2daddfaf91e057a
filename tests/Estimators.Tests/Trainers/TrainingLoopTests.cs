// The training loop honours MaxEpochs, BatchSize, the learning-rate schedule (LearningRate,
// WarmupRatio), ValidationFraction, ValidationSet, EarlyStoppingPatience (keeping the best weights)
// and MaximumTrainingTimeInSeconds, and reports each step and epoch through Progress and MLContext.Log.
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Neural.Training;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class TrainingLoopTests
{
    [Fact]
    public void Without_validation_every_epoch_runs_and_the_last_weights_are_kept()
    {
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 4;
        options.ValidationFraction = 0;

        var run = TrainingRun.Fit(options, rows: 40);

        var summary = run.Model!.TrainingSummary;
        Assert.Equal(4, run.Progress.Epochs.Count());
        Assert.All(run.Progress.Epochs, e => Assert.Null(e.ValidationAccuracy));
        Assert.Equal((4, 4, 0, 40, TrainingStopReason.MaxEpochs), (summary.EpochsCompleted, summary.BestEpoch, summary.ValidationRows,
            summary.TrainingRows, summary.StopReason));
        Assert.Null(summary.BestValidationAccuracy);
    }

    [Theory]
    [InlineData(16, 60, 4)]
    [InlineData(7, 60, 9)]
    [InlineData(100, 60, 1)]
    public void Batch_size_sets_the_steps_per_epoch(int batchSize, int trainingRows, int expectedSteps)
    {
        var options = TinyData.TinyOptions();
        options.BatchSize = batchSize;
        options.MaxEpochs = 2;
        options.ValidationFraction = 0.25; // 80 rows, 20 per class: 5 per class held out

        var run = TrainingRun.Fit(options, rows: 80);

        Assert.Equal(trainingRows, run.Model!.TrainingSummary.TrainingRows);
        Assert.Equal(20, run.Model.TrainingSummary.ValidationRows);
        Assert.All(run.Progress.Reports, r => Assert.Equal(expectedSteps, r.StepsPerEpoch));
        Assert.Equal(2 * expectedSteps, run.Progress.Steps.Count());
    }

    [Fact]
    public void The_learning_rate_follows_linear_warm_up_then_linear_decay()
    {
        var options = TinyData.TinyOptions();
        options.LearningRate = 0.02f;
        options.WarmupRatio = 0.3;
        options.MaxEpochs = 3;
        options.ValidationFraction = 0;

        var run = TrainingRun.Fit(options, rows: 64); // 4 steps per epoch, 12 in all, 3 of warm-up

        var expected = new LinearWarmupLinearDecay(0.02f, 12, 0.3);
        var rates = run.Progress.Steps.Select(s => s.LearningRate).ToArray();
        Assert.Equal(12, rates.Length);
        for (int s = 0; s < 12; s++) Assert.Equal(expected.RateAt(s), rates[s], 6);
        Assert.Equal(0.02 / 3, rates[0], 6);
        Assert.Equal(0.02, rates[2], 6);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_without_improvement_and_keeps_the_best_weights()
    {
        var (train, validation) = RandomLabels();
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 30;
        options.LearningRate = 0.05f;
        options.EarlyStoppingPatience = 2;
        options.ValidationSet = validation;

        var run = TrainingRun.Fit(options, train);

        var summary = run.Model!.TrainingSummary;
        var epochs = run.Progress.Epochs.ToArray();
        Assert.Equal(TrainingStopReason.EarlyStopping, summary.StopReason);
        Assert.Equal(32, summary.ValidationRows);
        Assert.Equal(64, summary.TrainingRows);
        Assert.True(epochs.Length < 30);
        Assert.False(epochs[^1].IsBest);
        Assert.False(epochs[^2].IsBest);
        Assert.True(epochs[^3].IsBest);
        Assert.Equal(epochs[^3].Epoch, summary.BestEpoch);
        Assert.Equal(epochs[^3].ValidationAccuracy, summary.BestValidationAccuracy);
        // The returned model is the best epoch's: it scores the validation set as that epoch did.
        var scored = ScoredRows.Read(run.Model.Transform(validation));
        Assert.Equal(summary.BestValidationAccuracy!.Value, scored.Accuracy, 9);
        Assert.Contains(run.Log, line => line.StartsWith("Early stopping after epoch", StringComparison.Ordinal));
    }

    /// <summary>Labels unrelated to the text, split 64 / 32: validation scores wander, so improvement stops quickly.</summary>
    private static (IDataView Train, IDataView Validation) RandomLabels()
    {
        var context = new MLContext(seed: 1);
        var random = new Random(4);
        var rows = TinyData.Rows(96).Select(r => new TextRow { Label = TinyData.Topics[random.Next(4)], Sentence1 = r.Sentence1 }).ToList();
        var keys = context.Transforms.Conversion.MapValueToKey("Label").Fit(context.Data.LoadFromEnumerable(rows));
        return (keys.Transform(context.Data.LoadFromEnumerable(rows.Take(64).ToList())),
            keys.Transform(context.Data.LoadFromEnumerable(rows.Skip(64).ToList())));
    }

    [Fact]
    public void Patience_zero_never_stops_early()
    {
        var (train, validation) = RandomLabels();
        TrainingRun Fit(int patience)
        {
            var options = TinyData.TinyOptions();
            (options.MaxEpochs, options.LearningRate, options.EarlyStoppingPatience, options.ValidationSet) = (30, 0.05f, patience, validation);
            return TrainingRun.Fit(options, train);
        }

        // The control: with the default patience these rows stop early, so the run below is a real test of 0.
        Assert.Equal(TrainingStopReason.EarlyStopping, Fit(AttentionTextClassificationTrainer.Defaults.EarlyStoppingPatience).Model!.TrainingSummary.StopReason);
        var run = Fit(patience: 0);

        Assert.Equal(TrainingStopReason.MaxEpochs, run.Model!.TrainingSummary.StopReason);
        Assert.Equal(30, run.Progress.Epochs.Count());
        Assert.All(run.Progress.Epochs, e => Assert.NotNull(e.ValidationAccuracy));
    }

    [Fact]
    public void The_time_limit_stops_training_cleanly_and_keeps_a_validated_model()
    {
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 10_000;
        options.MaximumTrainingTimeInSeconds = 3.0; // preparing 200 short rows takes a small fraction of this
        options.EarlyStoppingPatience = 0;

        var run = TrainingRun.Fit(options, rows: 200);

        var summary = run.Model!.TrainingSummary;
        Assert.Equal(TrainingStopReason.TimeLimit, summary.StopReason);
        Assert.True(summary.EpochsCompleted < 10_000);
        Assert.True(summary.Steps > 0);
        Assert.True(summary.TrainingSeconds < 3.0 + 10, $"Fit took {summary.TrainingSeconds} s for a 3 s limit");
        Assert.True(summary.BestEpoch >= 1);
        Assert.NotNull(summary.BestValidationAccuracy);
        Assert.Contains(run.Log, line => line.StartsWith("Stopped at the time limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_reports_every_step_and_epoch_with_speed_and_time_left()
    {
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 3;

        var run = TrainingRun.Fit(options, rows: 80);

        var steps = run.Progress.Steps.ToArray();
        int perEpoch = steps[0].StepsPerEpoch;
        Assert.Equal(3 * perEpoch, steps.Length);
        Assert.Equal(Enumerable.Range(1, steps.Length), steps.Select(s => s.TotalSteps));
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(e => Enumerable.Repeat(e, perEpoch)), steps.Select(s => s.Epoch));
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(_ => Enumerable.Range(1, perEpoch)), steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.True(s.TokensPerSecond > 0 && double.IsFinite(s.Loss) && s.MaxEpochs == 3));
        Assert.Equal(TimeSpan.Zero, steps[^1].EstimatedTimeRemaining);
        Assert.True(steps[0].EstimatedTimeRemaining > TimeSpan.Zero);
        var epochs = run.Progress.Epochs.ToArray();
        Assert.Equal([1, 2, 3], epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.InRange(e.ValidationAccuracy!.Value, 0, 1));
        // Reports are in order: each epoch's report follows its last step.
        Assert.Equal(TrainingProgressKind.Epoch, run.Progress.Reports[perEpoch].Kind);
        Assert.Contains(run.Log, line => line.StartsWith("epoch 3/3 done", StringComparison.Ordinal));
        Assert.Contains(run.Log, line => line.StartsWith($"epoch 1/3 step {perEpoch}/{perEpoch}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_choices_made_from_the_data_are_logged()
    {
        var run = TrainingRun.Fit(TinyData.TinyOptions(), rows: 40);

        Assert.Contains(run.Log, line => line.StartsWith("Seed 1;", StringComparison.Ordinal));
        Assert.Contains(run.Log, line => line.StartsWith("Vocabulary: ", StringComparison.Ordinal) && line.Contains("[UNK]"));
        Assert.Contains(run.Log, line => line.StartsWith($"Maximum sequence length {run.Model!.MaximumSequenceLength} tokens (chosen", StringComparison.Ordinal));
        Assert.Contains(run.Log, line => line.StartsWith("Trained in", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_few_rows_to_hold_out_train_on_all_with_a_warning()
    {
        var context = new MLContext(seed: 1);
        var warnings = new List<string>();
        context.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) warnings.Add(e.RawMessage); };
        var options = TinyData.TinyOptions(); // ValidationFraction 0.1 of 2 rows per class rounds to 0

        var model = context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(TinyData.Keyed(context, 8));

        Assert.Equal((8, 0), (model.TrainingSummary.TrainingRows, model.TrainingSummary.ValidationRows));
        Assert.Contains(warnings, w => w.Contains("Too few rows (8)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_simple_overload_passes_every_argument_through()
    {
        var context = new MLContext(seed: 1);
        var raw = context.Data.LoadFromEnumerable(TinyData.Rows(40).Select(r => new PairRow { Label = r.Label, Sentence1 = r.Sentence1, Sentence2 = "x" }).ToList());
        var keys = context.Transforms.Conversion.MapValueToKey("Key", "Label").Fit(raw);
        var validation = keys.Transform(context.Data.LoadFromEnumerable(TinyData.Rows(12, seed: 2).Select(r => new PairRow { Label = r.Label, Sentence1 = r.Sentence1 }).ToList()));

        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(labelColumnName: "Key", scoreColumnName: "S",
            outputColumnName: "P", sentence1ColumnName: "Sentence1", sentence2ColumnName: "Sentence2", batchSize: 7, maxEpochs: 1,
            validationSet: validation);
        var model = trainer.Fit(keys.Transform(raw));

        var o = model.Options;
        Assert.Equal(("Key", "S", "P", "Sentence1", "Sentence2", 7, 1), (o.LabelColumnName, o.ScoreColumnName, o.OutputColumnName,
            o.Sentence1ColumnName, o.Sentence2ColumnName, o.BatchSize, o.MaxEpochs));
        Assert.Equal((40, 12, 1), (model.TrainingSummary.TrainingRows, model.TrainingSummary.ValidationRows, model.TrainingSummary.EpochsCompleted));
        Assert.Null(o.ValidationSet); // run-time state is not kept
    }
}
