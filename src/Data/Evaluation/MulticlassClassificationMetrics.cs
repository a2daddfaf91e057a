// The result of mlContext.MulticlassClassification.Evaluate, with ML.NET's member names and metric
// definitions (Microsoft.ML.Data.MulticlassClassificationMetrics, ML.NET 1.5 and later: LogLossReduction
// is a fraction and TopKAccuracyForAllK exists). Every average is over the evaluated rows: rows with a
// label that is a class index and a Score vector of finite values. Rows with a missing label, a
// negative or fractional label, or a NaN/infinite score are skipped (and reported in the log).
using System.Globalization;
using System.Text;

namespace MlNetAttention.Data;

/// <summary>Evaluation results of a multiclass classifier.</summary>
public sealed class MulticlassClassificationMetrics
{
    internal MulticlassClassificationMetrics(double microAccuracy, double macroAccuracy, double logLoss, double logLossReduction,
        int topKPredictionCount, double[] topKAccuracyForAllK, double[] perClassLogLoss, ConfusionMatrix confusionMatrix)
    {
        MicroAccuracy = microAccuracy;
        MacroAccuracy = macroAccuracy;
        LogLoss = logLoss;
        LogLossReduction = logLossReduction;
        TopKPredictionCount = topKPredictionCount;
        TopKAccuracyForAllK = Array.AsReadOnly(topKAccuracyForAllK);
        PerClassLogLoss = Array.AsReadOnly(perClassLogLoss);
        ConfusionMatrix = confusionMatrix;
    }

    /// <summary>The fraction of rows whose predicted class (the highest score; the lower class index wins a
    /// tie) is the label. Rows whose label is a class the model has no score for count as wrong.</summary>
    public double MicroAccuracy { get; }

    /// <summary>The mean, over the classes that occur in the labels, of the fraction of that class's rows
    /// predicted correctly (each class weighs the same; classes absent from the labels are left out).</summary>
    public double MacroAccuracy { get; }

    /// <summary>The mean of −ln(p), p being the Score of the true class clipped to [1e-15, 1] (natural log).
    /// As in ML.NET the clipping is done in single precision, so p = 0 costs −ln((float)1e-15) ≈ 34.5387763914;
    /// a label with no score slot (a class unseen in training) costs the same and is reported in the log.
    /// Assumes the scores are probabilities, which the library's trainers guarantee.</summary>
    public double LogLoss { get; }

    /// <summary>(LL_prior − LogLoss) / LL_prior, a FRACTION (ML.NET ≥ 1.5; older versions printed a
    /// percentage): 1 for a perfect model, 0 for a model that predicts the label distribution of the
    /// evaluated data, negative for a worse one. LL_prior is the entropy −Σ_c (n_c/N) ln(n_c/N) of the
    /// evaluated labels over the classes that occur, with N = all evaluated rows. Example: LogLoss 0.22 on 3
    /// balanced classes gives (ln 3 − 0.22) / ln 3 = 0.80. When all labels are one class LL_prior is 0 and
    /// the reduction is −∞ (or NaN if LogLoss is 0 too), as in ML.NET.</summary>
    public double LogLossReduction { get; }

    /// <summary>The fraction of rows whose true class is among the <see cref="TopKPredictionCount"/> highest
    /// scores; 0 when top-K accuracy was not asked for. Same as the last element of
    /// <see cref="TopKAccuracyForAllK"/>.</summary>
    public double TopKAccuracy => TopKAccuracyForAllK.Count > 0 ? TopKAccuracyForAllK[^1] : 0;

    /// <summary>The K of <see cref="TopKAccuracy"/>: the topKPredictionCount given to Evaluate (0 = not computed).</summary>
    public int TopKPredictionCount { get; }

    /// <summary>The top-k accuracy for k = 1 .. <see cref="TopKPredictionCount"/> (empty when that is 0; ML.NET
    /// returns null there). Ranks come from a stable descending sort of the scores: among equal scores the
    /// lower class index ranks first, so a tie with a lower-index class pushes the true class down.</summary>
    public IReadOnlyList<double> TopKAccuracyForAllK { get; }

    /// <summary>For each class, the mean log-loss of the rows labelled with it (0 for a class with no rows).</summary>
    public IReadOnlyList<double> PerClassLogLoss { get; }

    /// <summary>Counts of (true class, predicted class), per-class precision and recall, and the formatted table.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>The metrics, one per line, then the confusion table.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"MicroAccuracy    = {MicroAccuracy:F4}");
        text.AppendLine(inv, $"MacroAccuracy    = {MacroAccuracy:F4}");
        text.AppendLine(inv, $"LogLoss          = {LogLoss:F4}");
        text.AppendLine(inv, $"LogLossReduction = {LogLossReduction:F4}");
        if (TopKPredictionCount > 0)
            text.AppendLine(inv, $"TopKAccuracy     = {TopKAccuracy:F4} (K = {TopKPredictionCount})");
        text.AppendLine(inv, $"PerClassLogLoss  = [{string.Join(", ", PerClassLogLoss.Select(v => v.ToString("F4", inv)))}]");
        text.Append(ConfusionMatrix.GetFormattedConfusionTable());
        return text.ToString();
    }
}
