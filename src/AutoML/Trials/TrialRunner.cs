// Runs one trial: builds the family's pipeline in a fresh, seeded MLContext, wraps it as
//   MapValueToKey(label) → featurizer → cache → CancellationCheckpoint → trainer → MapKeyToValue(PredictedLabel),
// fits and scores it on the splits its budget covers (every fold on the cross-validation rung, else the
// first split), and returns the metrics, the model (checkpoint stripped) and the user-facing estimator.
//
// Cancellation, for trainers that take no token: the trial runs on its own thread; when the token
// fires, (1) every cursor over the raw data, the cached features and the validation rows throws at its
// next row (CancellableDataView), and (2) the trial's MLContext is cancelled, which ML.NET's trainers poll
// inside their own loops (MlContextCancellation). The runner waits for the thread at most the grace
// period, so Execute returns within a second either way; a trainer that polls neither (LightGBM's
// boosting loop) is reported as StillStopping and ends on its own thread. Any exception a trial throws,
// out-of-memory included, fails that trial only.
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML;

/// <summary>Fits and scores one configuration at one budget, on a cancellable thread.</summary>
internal sealed class TrialRunner
{
    private readonly string _labelColumnName;
    private readonly string _textColumnName;
    private readonly MulticlassClassificationMetric _metric;
    private readonly int _topK;
    private readonly int? _numberOfThreads;
    private readonly TimeSpan _gracePeriod;

    public TrialRunner(string labelColumnName, string textColumnName, MulticlassClassificationMetric metric, int topK,
        int? numberOfThreads, TimeSpan gracePeriod) =>
        (_labelColumnName, _textColumnName, _metric, _topK, _numberOfThreads, _gracePeriod) =
        (labelColumnName, textColumnName, metric, topK, numberOfThreads, gracePeriod);

    /// <summary>Runs <paramref name="request"/> and waits for it (or for the token, plus the grace period).</summary>
    public TrialOutcome Run(TrialRequest request, IReadOnlyList<DataSplit> splits, int seed, double timeLimitSeconds,
        CancellationToken cancellationToken)
    {
        var mlContext = new MLContext(seed);
        TrialOutcome? outcome = null;
        using var finished = new ManualResetEventSlim(false);
        var thread = new Thread(() =>
        {
            try
            {
                outcome = Fit(mlContext, request, splits, seed, timeLimitSeconds, cancellationToken);
            }
            catch (Exception exception)
            {
                bool cancelled = cancellationToken.IsCancellationRequested;
                outcome = new TrialOutcome(cancelled ? TrialStatus.Cancelled : TrialStatus.Failed, null, double.NaN, [],
                    null, null, exception, false, 0);
                if (exception is OutOfMemoryException)
                    GC.Collect();
            }
            finally
            {
                finished.Set();
            }
        })
        { IsBackground = true, Name = $"AutoML trial {request.ConfigurationId}/{request.Rung}" };

        using (cancellationToken.Register(() => MlContextCancellation.TryCancel(mlContext)))
        {
            thread.Start();
            WaitHandle.WaitAny([finished.WaitHandle, cancellationToken.WaitHandle]);
            if (!finished.IsSet)
                finished.Wait(_gracePeriod);
        }

        if (finished.IsSet)
            return outcome!;
        return new TrialOutcome(TrialStatus.Cancelled, null, double.NaN, [], null, null,
            new OperationCanceledException($"Trial cancelled; its trainer had not returned {_gracePeriod.TotalSeconds:0.##} s later and ends in the background."),
            StillStopping: true, FoldsFitted: 0);
    }

    private TrialOutcome Fit(MLContext mlContext, TrialRequest request, IReadOnlyList<DataSplit> splits, int seed,
        double timeLimitSeconds, CancellationToken cancellationToken)
    {
        var context = new TrialContext(mlContext, _textColumnName, _labelColumnName, seed, _numberOfThreads, cancellationToken, timeLimitSeconds);
        var pipeline = request.Family.Build(context, request.Parameters, request.Budget);
        var splitsToFit = request.Budget.AllFolds ? splits : splits.Take(1).ToList();

        var folds = new List<(ITransformer Model, MulticlassClassificationMetrics Metrics, double Value)>();
        foreach (var split in splitsToFit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = split.Train;
            if (request.Family.BudgetResource == TrialBudgetResource.Rows && !request.Budget.IsFull)
                train = mlContext.Data.TrainTestSplit(train, testFraction: 1 - request.Budget.Fraction, seed: seed).TrainSet;

            var fitted = Compose(mlContext, pipeline, cancellationToken).Fit(new CancellableDataView(train, cancellationToken));
            var model = new TransformerChain<ITransformer>(fitted.Where(t => t is not CancellationCheckpoint.Transformer).ToArray());
            var scored = model.Transform(new CancellableDataView(split.Validation, cancellationToken));
            var metrics = mlContext.MulticlassClassification.Evaluate(scored, _labelColumnName, topKPredictionCount: _topK);
            folds.Add((model, metrics, _metric.ValueOf(metrics)));
        }

        double mean = folds.Average(f => f.Value);
        // As AutoML reports cross-validation: the metrics and model of the fold closest to the mean.
        var representative = folds.OrderBy(f => Math.Abs(f.Value - mean)).First();
        return new TrialOutcome(TrialStatus.Completed, representative.Metrics, mean, folds.Select(f => f.Value).ToList(),
            representative.Model, Compose(mlContext, pipeline, cancellation: null), null, false, folds.Count);
    }

    /// <summary>The trial's chain; with a token, a CancellationCheckpoint sits before the trainer (fit-time only).</summary>
    private EstimatorChain<ITransformer> Compose(MLContext mlContext, TrialPipeline pipeline, CancellationToken? cancellation)
    {
        // One flat EstimatorChain (IEstimator.Append would nest chains), so the fitted chain's top level holds the
        // checkpoint's transformer and it can be stripped.
        var chain = new EstimatorChain<ITransformer>().Append<ITransformer>(mlContext.Transforms.Conversion.MapValueToKey(_labelColumnName));
        if (pipeline.Featurizer is not null)
            chain = chain.Append<ITransformer>(pipeline.Featurizer);
        chain = chain.AppendCacheCheckpoint(mlContext);
        if (cancellation is CancellationToken token)
            chain = chain.Append<ITransformer>(new CancellationCheckpoint(token));
        return chain.Append<ITransformer>(pipeline.Trainer)
            .Append<ITransformer>(mlContext.Transforms.Conversion.MapKeyToValue(DefaultColumnNames.PredictedLabel));
    }

    private static class DefaultColumnNames
    {
        public const string PredictedLabel = "PredictedLabel";
    }
}
