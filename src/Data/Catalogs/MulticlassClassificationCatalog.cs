// MLContext.MulticlassClassification, as ML.NET's MulticlassClassificationCatalog: Evaluate (ML.NET's
// metric definitions, see MulticlassClassificationMetrics) and CrossValidate here; trainers are
// extension methods on its Trainers object, added by the Estimators assembly.
using MlNetAttention.Data;
using MlNetAttention.Runtime;

namespace MlNetAttention;

/// <summary>Multiclass classification: trainers, evaluation and cross-validation.</summary>
public sealed class MulticlassClassificationCatalog
{
    internal MulticlassClassificationCatalog(MLContext context)
    {
        Context = context;
        Trainers = new MulticlassClassificationTrainers(context);
    }

    /// <summary>The owning context (for extension authors: its log and seed).</summary>
    public MLContext Context { get; }

    /// <summary>The trainers; each is an extension method from the Estimators assembly.</summary>
    public MulticlassClassificationTrainers Trainers { get; }

    /// <summary>Evaluates scored data in one streaming pass, with ML.NET's definitions of every metric.</summary>
    /// <param name="data">Scored data, e.g. <c>model.Transform(testSet)</c>.</param>
    /// <param name="labelColumnName">The true class: a key (key k is class k − 1; key 0 = missing), or a Single
    /// or Double holding the 0-based class index (NaN = missing). Rows with a missing, negative or fractional
    /// label are skipped and reported in the log.</param>
    /// <param name="scoreColumnName">A known-size vector of Single with one PROBABILITY per class (at least 2).
    /// Rows holding NaN or an infinity are skipped and reported in the log.</param>
    /// <param name="predictedLabelColumnName">Must exist and be a scalar (a key, or its value after
    /// MapKeyToValue); as in ML.NET the metrics use the argmax of the scores, not this column's values.</param>
    /// <param name="topKPredictionCount">K for <see cref="MulticlassClassificationMetrics.TopKAccuracy"/>; 0 = not computed.</param>
    /// <exception cref="SchemaMismatchException">A column is missing or has the wrong type (the message names the
    /// column, the expected type and the actual type).</exception>
    /// <exception cref="ArgumentException">No row could be evaluated.</exception>
    public MulticlassClassificationMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        string predictedLabelColumnName = "PredictedLabel", int topKPredictionCount = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(scoreColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(predictedLabelColumnName);
        if (topKPredictionCount < 0)
            throw new ArgumentOutOfRangeException(nameof(topKPredictionCount), topKPredictionCount,
                "The top-K prediction count must be 0 (not computed) or positive.");
        return MulticlassClassificationEvaluator.Evaluate(Context, data, labelColumnName, scoreColumnName, predictedLabelColumnName,
            topKPredictionCount);
    }

    /// <summary>k-fold cross-validation: splits <paramref name="data"/> into <paramref name="numberOfFolds"/> folds
    /// (see <see cref="DataOperationsCatalog.CrossValidationSplit"/>), and for each fold fits
    /// <paramref name="estimator"/> on the other folds, scores the fold and evaluates it with <see cref="Evaluate"/>
    /// (default Score and PredictedLabel names, label <paramref name="labelColumnName"/>). Folds run one after the
    /// other, in fold order.</summary>
    /// <param name="samplingKeyColumnName">Rows with equal values in this column always share a fold.</param>
    /// <param name="seed">Fixes the folds; by default it is drawn from the context's seed.</param>
    public IReadOnlyList<CrossValidationResult<MulticlassClassificationMetrics>> CrossValidate(IDataView data,
        IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = "Label",
        string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        var splits = Context.Data.CrossValidationSplit(data, numberOfFolds, samplingKeyColumnName, seed);

        // Check before any training that the pipeline will produce what Evaluate reads, so a misnamed
        // column fails in seconds rather than after the first fold has trained.
        var outputShape = estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        foreach (string column in new[] { labelColumnName, "Score", "PredictedLabel" })
            SchemaErrors.FindColumn(outputShape, column, nameof(CrossValidate));

        var results = new CrossValidationResult<MulticlassClassificationMetrics>[splits.Count];
        for (int fold = 0; fold < splits.Count; fold++)
        {
            var model = estimator.Fit(splits[fold].TrainSet);
            var scored = model.Transform(splits[fold].TestSet);
            var metrics = Evaluate(scored, labelColumnName);
            results[fold] = new CrossValidationResult<MulticlassClassificationMetrics>(model, scored, metrics, fold);
            Context.WriteLog(nameof(CrossValidate), ChannelMessageKind.Info, FormattableString.Invariant(
                $"Fold {fold + 1}/{splits.Count}: MicroAccuracy {metrics.MicroAccuracy:F4}, MacroAccuracy {metrics.MacroAccuracy:F4}, LogLoss {metrics.LogLoss:F4}."));
        }
        return results;
    }

    /// <summary>Holder of the multiclass trainer extension methods.</summary>
    public sealed class MulticlassClassificationTrainers
    {
        internal MulticlassClassificationTrainers(MLContext context) => Context = context;

        /// <summary>The owning context (for extension authors).</summary>
        public MLContext Context { get; }
    }
}
