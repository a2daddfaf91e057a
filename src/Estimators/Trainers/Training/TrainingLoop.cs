// The epochs of one Fit: length-bucketed batches reshuffled every epoch, one AdamW step per batch at
// the scheduled learning rate (linear warm-up, then linear decay to 0 at the last step of the planned epochs),
// validation after every epoch, a copy of the best weights (one buffer, allocated once), early
// stopping after EarlyStoppingPatience epochs without improvement, a time limit checked between
// steps, and cancellation checked between steps (a step is far below a second on any realistic
// batch, so Cancel is honoured within one). Progress goes to MLContext.Log (Info: every ~10 % of an
// epoch and every epoch) and to Options.Progress (every step and every epoch).
// "Better" on validation means a higher accuracy, or the same accuracy with a lower log-loss (small
// validation sets tie often on accuracy; the loss then decides).
using System.Diagnostics;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Training;

namespace MlNetAttention.Trainers;

internal sealed class TrainingLoop
{
    /// <summary>What the loop did, for the training summary.</summary>
    public readonly record struct Outcome(int EpochsCompleted, int Steps, int BestEpoch, double? BestAccuracy, double? BestLoss,
        TrainingStopReason StopReason, double TokensPerSecond);

    private readonly TrainerLog _log;
    private readonly AttentionTextClassificationTrainer.Options _options;
    private readonly EncoderClassifier _model;
    private readonly EncodedRows _trainData;
    private readonly int[] _trainRows;
    private readonly ValidationScorer? _validation;
    private readonly Random _shuffle;
    private readonly Stopwatch _fitClock;
    private readonly SequenceEncoder _encoder;   // the encoder the rows were made with: it shapes the batch
    private readonly int _epochs;      // planned epochs
    private readonly int _patience;    // epochs without improvement before stopping; 0 = never

    public TrainingLoop(TrainerLog log, AttentionTextClassificationTrainer.Options options, EncoderClassifier model,
        EncodedRows trainData, int[] trainRows, ValidationScorer? validation, int shuffleSeed, Stopwatch fitClock, int epochs,
        int patience, SequenceEncoder encoder)
    {
        _epochs = epochs;
        _patience = patience;
        _encoder = encoder;
        _log = log;
        _options = options;
        _model = model;
        _trainData = trainData;
        _trainRows = trainRows;
        _validation = validation is { RowCount: > 0 } ? validation : null;
        _shuffle = new Random(shuffleSeed);
        _fitClock = fitClock;
    }

    public Outcome Run()
    {
        var o = _options;
        var cancellation = o.CancellationToken;
        var batcher = new LengthBucketBatcher(_trainRows, _trainData, o.BatchSize);
        int stepsPerEpoch = batcher.BatchCount, totalSteps = stepsPerEpoch * _epochs;
        var schedule = new LinearWarmupLinearDecay(o.LearningRate, totalSteps, o.WarmupRatio);
        var batch = _encoder.NewBatch(o.BatchSize);
        float[]? bestWeights = _validation is null ? null : new float[_model.Parameters.ElementCount];
        int logEvery = (stepsPerEpoch + 9) / 10; // about ten lines per epoch
        var loopClock = Stopwatch.StartNew();
        var stepClock = new Stopwatch();
        long tokens = 0;
        int steps = 0, epochsCompleted = 0, bestEpoch = 0, epochsWithoutImprovement = 0;
        double? bestAccuracy = null, bestLoss = null;
        var stopReason = TrainingStopReason.MaxEpochs;
        _log.Info($"Training: {_trainRows.Length} rows, {stepsPerEpoch} steps per epoch of {o.BatchSize} rows, up to {_epochs} epochs, " +
            $"{_validation?.RowCount ?? 0} validation rows, {_model.Parameters.ElementCount:N0} parameters, " +
            $"{(_model.ThreadCount == 0 ? "all processors" : $"at most {_model.ThreadCount} threads")}.");

        for (int epoch = 1; epoch <= _epochs; epoch++)
        {
            batcher.Shuffle(_shuffle);
            double epochLoss = 0;
            int epochSteps = 0;
            float learningRate = 0f;
            bool outOfTime = false;
            for (int b = 0; b < stepsPerEpoch; b++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (o.MaximumTrainingTimeInSeconds is { } limit && _fitClock.Elapsed.TotalSeconds >= limit)
                {
                    outOfTime = true;
                    break;
                }
                batch.Clear();
                foreach (int row in batcher.Batch(b)) _trainData.AddTo(batch, row, _trainData.Label(row));
                learningRate = schedule.RateAt(steps);
                stepClock.Start();
                float loss = _model.TrainStep(batch, learningRate);
                stepClock.Stop();
                if (!float.IsFinite(loss))
                    throw new InvalidOperationException(
                        $"{InputColumns.Component}: training diverged (loss {loss}) at epoch {epoch}, step {b + 1}; " +
                        $"lower the LearningRate (now {o.LearningRate}) or the MaximumGradientNorm.");
                tokens += batch.TokenCount;
                steps++;
                epochSteps++;
                epochLoss += loss;
                var report = StepReport(epoch, epochSteps, stepsPerEpoch, steps, totalSteps, loss, learningRate,
                    tokens / Math.Max(stepClock.Elapsed.TotalSeconds, 1e-9), loopClock.Elapsed);
                o.Progress?.Report(report);
                if (epochSteps % logEvery == 0 || epochSteps == stepsPerEpoch)
                    _log.Info(report.ToString());
            }
            if (outOfTime) stopReason = TrainingStopReason.TimeLimit;
            else epochsCompleted = epoch;
            if (epochSteps == 0) break; // out of time before this epoch's first step: nothing new to validate

            double? accuracy = null, validationLoss = null;
            bool isBest = false;
            if (_validation is not null)
            {
                (double a, double l) = _validation.Score(_model, batch, cancellation);
                (accuracy, validationLoss) = (a, l);
                isBest = bestAccuracy is null || a > bestAccuracy || (a == bestAccuracy && l < bestLoss);
                if (isBest)
                {
                    _model.Parameters.Values.CopyTo(bestWeights);
                    (bestEpoch, bestAccuracy, bestLoss, epochsWithoutImprovement) = (epoch, a, l, 0);
                }
                else epochsWithoutImprovement++;
            }
            else bestEpoch = epoch; // no validation: the last weights are the ones kept
            var epochReport = StepReport(epoch, epochSteps, stepsPerEpoch, steps, totalSteps, epochLoss / epochSteps, learningRate,
                tokens / Math.Max(stepClock.Elapsed.TotalSeconds, 1e-9), loopClock.Elapsed) with
            {
                Kind = TrainingProgressKind.Epoch, ValidationAccuracy = accuracy, ValidationLoss = validationLoss, IsBest = isBest,
            };
            o.Progress?.Report(epochReport);
            _log.Info(epochReport.ToString());

            if (outOfTime) break;
            if (_validation is not null && _patience > 0 && epochsWithoutImprovement >= _patience
                && epoch < _epochs)
            {
                stopReason = TrainingStopReason.EarlyStopping;
                _log.Info($"Early stopping after epoch {epoch}: {epochsWithoutImprovement} epochs without a better validation score; " +
                    $"keeping epoch {bestEpoch} (accuracy {bestAccuracy:P2}).");
                break;
            }
        }
        if (stopReason == TrainingStopReason.TimeLimit)
            _log.Info($"Stopped at the time limit of {o.MaximumTrainingTimeInSeconds} s after {steps} steps; keeping epoch {bestEpoch}.");
        if (bestWeights is not null && bestEpoch > 0) bestWeights.CopyTo(_model.Parameters.Values);
        double tokensPerSecond = tokens / Math.Max(stepClock.Elapsed.TotalSeconds, 1e-9);
        return new Outcome(epochsCompleted, steps, bestEpoch, bestAccuracy, bestLoss, stopReason, tokensPerSecond);
    }

    private TrainingProgress StepReport(int epoch, int step, int stepsPerEpoch, int totalDone, int totalSteps, double loss,
        float learningRate, double tokensPerSecond, TimeSpan elapsed)
    {
        double secondsPerStep = elapsed.TotalSeconds / Math.Max(1, totalDone);
        return new TrainingProgress
        {
            Kind = TrainingProgressKind.Step, Epoch = epoch, MaxEpochs = _epochs, Step = step,
            StepsPerEpoch = stepsPerEpoch, TotalSteps = totalDone, Loss = loss, LearningRate = learningRate,
            TokensPerSecond = tokensPerSecond, Elapsed = elapsed,
            EstimatedTimeRemaining = TimeSpan.FromSeconds(secondsPerStep * Math.Max(0, totalSteps - totalDone)),
        };
    }
}
