// A multiclass text-classification experiment, shaped like Microsoft.ML.AutoML's
// MulticlassClassificationExperiment: Execute takes the raw data (a text and a label column), picks
// cross-validation or a holdout from its size as AutoML does (or uses the given validation set), then
// runs trials chosen by the cost-aware halving tuner until the time budget, the caller's token, or
// MaxModels ends it. Every trial — completed, failed or cancelled — is in the result.
// Time: the clock starts when Execute is called (data caching and splitting count); a trial is only
// started when its estimated cost fits the time left, each trial has a time cap (below), and the
// deadline cancels one that overruns. Under cross-validation the halving schedule gets a top rung that
// fits every fold, so only the best full-data configurations pay for k fits.
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MlNetAttention.AutoML;

/// <summary>Searches text-classification pipelines for the best multiclass model within a time budget.</summary>
public sealed class MulticlassClassificationExperiment
{
    /// <summary>A trial is started only when its estimated cost times this still fits the time left.</summary>
    private const double CostEstimateMargin = 1.1;

    // Exploration is cheap: a rung-0 trial (the smallest budget) is only started when its estimate is at most
    // this share of the budget, and is capped there when its family has no measured trial yet. Measured on 2
    // busy cores: LightGbm on 1/9 of sst2 ran 30–100 s where SDCA took 1–4 s; this keeps such a family out of a
    // short experiment and lets it in a long one.
    private const double ExplorationShare = 0.1;

    // Per-trial time cap, so one trial cannot eat the budget. A family with no measured trial yet may use a
    // quarter of the budget above rung 0; afterwards a trial may use CapOverEstimate × its estimate, but at least
    // a tenth of the budget.
    private const double FirstTrialCapShare = 0.25;
    private const double CapOverEstimate = 3;
    private const double MinimumCapShare = 0.1;

    private readonly MLContext _mlContext;
    private readonly MulticlassExperimentSettings _settings;

    internal MulticlassClassificationExperiment(MLContext mlContext, MulticlassExperimentSettings settings)
    {
        _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        settings.Validate();
    }

    /// <summary>Runs the experiment on <paramref name="trainData"/>, validating by 10-fold cross-validation below
    /// 15,000 rows and by a 10 % holdout otherwise (AutoML's rule; see <see cref="ExperimentResult{T}.Validation"/>).</summary>
    /// <param name="trainData">Data with a text column and a label column (any type MapValueToKey takes).</param>
    /// <param name="labelColumnName">The label column. Default "Label".</param>
    /// <param name="textColumnName">The text column. Default "Text".</param>
    /// <param name="progressHandler">Receives each trial's RunDetail as it ends, on the calling thread.</param>
    public ExperimentResult<MulticlassClassificationMetrics> Execute(IDataView trainData, string labelColumnName = "Label",
        string textColumnName = "Text", IProgress<RunDetail<MulticlassClassificationMetrics>>? progressHandler = null) =>
        Run(trainData, validationData: null, labelColumnName, textColumnName, progressHandler);

    /// <summary>Runs the experiment training on <paramref name="trainData"/> and scoring on <paramref name="validationData"/>.</summary>
    public ExperimentResult<MulticlassClassificationMetrics> Execute(IDataView trainData, IDataView validationData,
        string labelColumnName = "Label", string textColumnName = "Text",
        IProgress<RunDetail<MulticlassClassificationMetrics>>? progressHandler = null)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return Run(trainData, validationData, labelColumnName, textColumnName, progressHandler);
    }

    private ExperimentResult<MulticlassClassificationMetrics> Run(IDataView trainData, IDataView? validationData,
        string labelColumnName, string textColumnName, IProgress<RunDetail<MulticlassClassificationMetrics>>? progressHandler)
    {
        var clock = Stopwatch.StartNew();
        ArgumentNullException.ThrowIfNull(trainData);
        _settings.Validate();
        CheckColumns(trainData, nameof(trainData), labelColumnName, textColumnName);
        if (validationData is not null)
            CheckColumns(validationData, nameof(validationData), labelColumnName, textColumnName);
        if (_settings.CacheDirectoryName is not null)
            Directory.CreateDirectory(_settings.CacheDirectoryName);

        int seed = _settings.Seed ?? DrawSeed(_mlContext);
        double budgetSeconds = _settings.MaxExperimentTimeInSeconds;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(budgetSeconds));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _settings.CancellationToken);

        var runs = new List<RunDetail<MulticlassClassificationMetrics>>();
        ValidationPlan plan = new(ValidationKind.Holdout, 0, 0, 0);
        string stopReason;
        try
        {
            var (splits, validationPlan, inputSchema) = PrepareData(trainData, validationData, labelColumnName, textColumnName, seed, stop.Token);
            plan = validationPlan;
            var schedule = plan.Kind == ValidationKind.CrossValidation ? _settings.Halving.WithCrossValidationRung() : _settings.Halving;
            stopReason = Search(splits, schedule, inputSchema, labelColumnName, textColumnName, seed, budgetSeconds, clock, stop.Token, runs, progressHandler);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stopReason = "stopped while preparing the data";
        }

        if (_settings.CancellationToken.IsCancellationRequested)
            stopReason = "cancelled by the caller";
        else if ((deadline.IsCancellationRequested || clock.Elapsed.TotalSeconds >= 0.99 * budgetSeconds) && stopReason != "MaxModels reached")
            stopReason = "time budget used";
        return new ExperimentResult<MulticlassClassificationMetrics>(runs, BestOf(runs), plan, _settings.OptimizingMetric, seed,
            budgetSeconds, clock.Elapsed.TotalSeconds, stopReason);
    }

    private (IReadOnlyList<DataSplit> Splits, ValidationPlan Plan, DataViewSchema InputSchema) PrepareData(IDataView trainData,
        IDataView? validationData, string labelColumnName, string textColumnName, int seed, CancellationToken cancellationToken)
    {
        var data = Narrow(trainData, labelColumnName, textColumnName);
        long rowCount = CountRows(data, cancellationToken); // also fills the cache
        if (rowCount < 2)
            throw new ArgumentException($"trainData has {rowCount} rows; an experiment needs at least 2.", nameof(trainData));

        if (validationData is not null)
        {
            var validation = Narrow(validationData, labelColumnName, textColumnName);
            CountRows(validation, cancellationToken);
            return ([new DataSplit(data, validation)], new ValidationPlan(ValidationKind.ValidationSet, rowCount, 1, 0), data.Schema);
        }
        if (rowCount < _settings.CrossValidationRowThreshold)
        {
            var folds = _mlContext.Data.CrossValidationSplit(data, _settings.CrossValidationFolds, seed: seed)
                .Select(fold => new DataSplit(fold.TrainSet, fold.TestSet)).ToList();
            return (folds, new ValidationPlan(ValidationKind.CrossValidation, rowCount, _settings.CrossValidationFolds, 0), data.Schema);
        }
        var holdout = _mlContext.Data.TrainTestSplit(data, ValidationPlan.DefaultHoldoutFraction, seed: seed);
        return ([new DataSplit(holdout.TrainSet, holdout.TestSet)],
            new ValidationPlan(ValidationKind.Holdout, rowCount, 1, ValidationPlan.DefaultHoldoutFraction), data.Schema);
    }

    private string Search(IReadOnlyList<DataSplit> splits, SuccessiveHalvingSchedule schedule, DataViewSchema inputSchema, string labelColumnName, string textColumnName,
        int seed, double budgetSeconds, Stopwatch clock, CancellationToken stopToken,
        List<RunDetail<MulticlassClassificationMetrics>> runs, IProgress<RunDetail<MulticlassClassificationMetrics>>? progressHandler)
    {
        var tuner = new CostAwareHalvingTuner(_settings.Trainers.ToList(), schedule, seed);
        var costs = new TrialCostModel();
        var runner = new TrialRunner(labelColumnName, textColumnName, _settings.OptimizingMetric, _settings.TopKPredictionCount,
            _settings.NumberOfThreads, _settings.CancellationGracePeriod);
        int bestIndex = -1;

        while (true)
        {
            if (stopToken.IsCancellationRequested)
                return "time budget used";
            if (_settings.MaxModels is int maxModels && runs.Count >= maxModels)
                return "MaxModels reached";
            double remaining = budgetSeconds - clock.Elapsed.TotalSeconds;
            var request = tuner.Next(
                r =>
                {
                    double estimate = costs.Estimate(r.Family, TrialCostModel.Units(r.Budget, FoldsFitted(r.Budget, splits)));
                    return estimate * CostEstimateMargin <= remaining && (r.Rung > 0 || estimate <= ExplorationShare * budgetSeconds);
                },
                halfTimeGone: clock.Elapsed.TotalSeconds >= budgetSeconds / 2);
            if (request is null)
                return runs.Count == 0 ? "no trial fits the time budget" : "no affordable trial left in the time budget";

            int trialId = runs.Count + 1;
            double units = TrialCostModel.Units(request.Budget, FoldsFitted(request.Budget, splits));
            double capSeconds = Math.Min(remaining, costs.HasHistory(request.Family)
                ? Math.Max(CapOverEstimate * costs.Estimate(request.Family, units), MinimumCapShare * budgetSeconds)
                : (request.Rung == 0 ? ExplorationShare : FirstTrialCapShare) * budgetSeconds);
            using var trialStop = CancellationTokenSource.CreateLinkedTokenSource(stopToken);
            trialStop.CancelAfter(TimeSpan.FromSeconds(Math.Max(capSeconds, 0.001)));
            double startedAt = clock.Elapsed.TotalSeconds;
            var outcome = runner.Run(request, splits, unchecked(seed + trialId), capSeconds, trialStop.Token);
            double runtime = clock.Elapsed.TotalSeconds - startedAt;
            if (outcome.Status == TrialStatus.Cancelled && !stopToken.IsCancellationRequested)
                outcome = outcome with
                {
                    Exception = new TimeoutException(
                        $"Trial exceeded its time cap of {capSeconds:0.#} s (estimate-based, see MulticlassClassificationExperiment).", outcome.Exception),
                };
            // A capped trial's time is a lower bound on its cost: recorded too, so the family's estimate grows.
            if (outcome.Status == TrialStatus.Completed || (outcome.Status == TrialStatus.Cancelled && !stopToken.IsCancellationRequested))
                costs.Record(request.Family, units, runtime);
            tuner.Report(request, outcome.Status, outcome.Status == TrialStatus.Completed ? Score(outcome.MetricValue) : double.NaN);

            var run = ToRunDetail(trialId, request, outcome, inputSchema, startedAt, runtime);
            runs.Add(run);
            if (run.Status == TrialStatus.Completed && (bestIndex < 0 || IsBetter(run, runs[bestIndex])))
            {
                if (bestIndex >= 0 && _settings.CacheDirectoryName is null)
                    runs[bestIndex] = runs[bestIndex].WithoutModelInMemory();
                bestIndex = runs.Count - 1;
            }
            else if (_settings.CacheDirectoryName is null && run.Model is not null)
            {
                runs[^1] = run.WithoutModelInMemory();
            }
            progressHandler?.Report(run);
        }
    }

    private RunDetail<MulticlassClassificationMetrics> ToRunDetail(int trialId, TrialRequest request, TrialOutcome outcome,
        DataViewSchema inputSchema, double startedAt, double runtime)
    {
        string? modelPath = null;
        Func<ITransformer?>? loadModel = null;
        if (_settings.CacheDirectoryName is not null && outcome.Model is not null)
        {
            modelPath = Path.Combine(_settings.CacheDirectoryName, $"trial-{trialId:D3}.zip");
            _mlContext.Model.Save(outcome.Model, inputSchema, modelPath);
            string path = modelPath;
            loadModel = () => new MLContext().Model.Load(path, out _);
        }
        return new RunDetail<MulticlassClassificationMetrics>(trialId, request.ConfigurationId, request.Family.TrainerName,
            request.Parameters, request.Budget, outcome.Status, outcome.Metrics, outcome.MetricValue, outcome.FoldMetricValues,
            outcome.Model, loadModel, modelPath, outcome.Estimator, startedAt, runtime, outcome.Exception, outcome.StillStopping);
    }

    /// <summary>Higher rung first (a full-budget model beats a partial one), then the optimised metric, then the earlier trial.</summary>
    private bool IsBetter(RunDetail<MulticlassClassificationMetrics> candidate, RunDetail<MulticlassClassificationMetrics> incumbent) =>
        candidate.Budget.Rung != incumbent.Budget.Rung
            ? candidate.Budget.Rung > incumbent.Budget.Rung
            : Score(candidate.MetricValue) > Score(incumbent.MetricValue);

    private RunDetail<MulticlassClassificationMetrics>? BestOf(IReadOnlyList<RunDetail<MulticlassClassificationMetrics>> runs)
    {
        RunDetail<MulticlassClassificationMetrics>? best = null;
        foreach (var run in runs)
            if (run.Status == TrialStatus.Completed && (best is null || IsBetter(run, best)))
                best = run;
        return best;
    }

    private double Score(double metricValue) => _settings.OptimizingMetric.IsMaximizing() ? metricValue : -metricValue;

    private static int FoldsFitted(TrialBudget budget, IReadOnlyList<DataSplit> splits) => budget.AllFolds ? splits.Count : 1;

    /// <summary>Only the two columns the search reads, cached in memory (every trial reads them many times).</summary>
    private IDataView Narrow(IDataView data, string labelColumnName, string textColumnName)
    {
        var columns = labelColumnName == textColumnName ? [labelColumnName] : new[] { labelColumnName, textColumnName };
        var selected = _mlContext.Transforms.SelectColumns(columns).Fit(data).Transform(data);
        return _mlContext.Data.Cache(selected);
    }

    private static long CountRows(IDataView data, CancellationToken cancellationToken)
    {
        long count = 0;
        using var cursor = new CancellableDataView(data, cancellationToken).GetRowCursor([]);
        while (cursor.MoveNext())
            count++;
        return count;
    }

    private static void CheckColumns(IDataView data, string parameterName, string labelColumnName, string textColumnName)
    {
        if (string.IsNullOrWhiteSpace(labelColumnName))
            throw new ArgumentException($"A label column name is needed; got '{labelColumnName}'.", nameof(labelColumnName));
        if (string.IsNullOrWhiteSpace(textColumnName))
            throw new ArgumentException($"A text column name is needed; got '{textColumnName}'.", nameof(textColumnName));
        if (labelColumnName == textColumnName)
            throw new ArgumentException($"The label and text columns must differ; both are '{labelColumnName}'.", nameof(textColumnName));
        var label = data.Schema.GetColumnOrNull(labelColumnName)
            ?? throw new ArgumentException($"{parameterName} has no label column '{labelColumnName}' (columns: {ColumnList(data)}).", nameof(labelColumnName));
        if (label.Type is VectorDataViewType)
            throw new ArgumentException($"Label column '{labelColumnName}' of {parameterName} must be a scalar; it is {label.Type}.", nameof(labelColumnName));
        var text = data.Schema.GetColumnOrNull(textColumnName)
            ?? throw new ArgumentException($"{parameterName} has no text column '{textColumnName}' (columns: {ColumnList(data)}).", nameof(textColumnName));
        if (text.Type is not TextDataViewType)
            throw new ArgumentException($"Text column '{textColumnName}' of {parameterName} must be Text (string); it is {text.Type}.", nameof(textColumnName));
    }

    private static string ColumnList(IDataView data) => string.Join(", ", data.Schema.Select(c => c.Name));

    /// <summary>A seed from the MLContext's own random source, so <c>new MLContext(seed)</c> fixes the experiment.</summary>
    private static int DrawSeed(MLContext mlContext) =>
        ((IHostEnvironment)mlContext).Register("MlNetAttention.AutoML").Rand.Next();
}
