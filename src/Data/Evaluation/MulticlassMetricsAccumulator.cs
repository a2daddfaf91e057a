// The counters behind MulticlassClassification.Evaluate, updated once per valid row (a label that is
// a class index >= 0 and a Score vector of finite values) and turned into metrics at the end. Every
// quantity follows ML.NET's MulticlassClassificationEvaluator (Microsoft.ML.Data, its Aggregator and
// Counters), re-derived here from that behaviour:
//  - the predicted class is the FIRST index holding the largest score (ties go to the lower index);
//  - the rank of the true class is its position in a STABLE descending sort of the scores (a tie
//    with a lower index ranks ahead), which is what ML.NET's OrderByDescending / rank loop gives;
//  - a label >= K (a class the model has no score slot for) is still a row: it counts in the
//    denominators of MicroAccuracy, LogLoss and TopKAccuracy, costs -ln(floor), is never correct, and
//    is left out of the confusion table, per-class sums and the prior's class terms;
//  - the log-loss clips the true class's score to [floor, 1] in SINGLE precision (ML.NET's floor is
//    the float constant (float)1e-15, which as a double is 1.0000000036e-15).
// Counts are doubles because ML.NET's are (they hold weights there; here every row weighs 1).
using System.Diagnostics;

namespace MlNetAttention.Data;

internal sealed class MulticlassMetricsAccumulator
{
    /// <summary>ML.NET's probability floor for the log-loss: a float, so the floor is (double)1e-15f.</summary>
    public const float ProbabilityFloor = (float)1e-15;

    private readonly int _numberOfClasses;          // K, the size of the Score vector
    private readonly int _topK;                     // 0 when top-K accuracy is not asked for
    private double _rows;                           // valid rows, unknown-class rows included
    private double _correct;                        // rows whose predicted class is the label
    private double _totalLogLoss;
    private readonly double[] _rowsOfClass;         // (K) rows whose label is c
    private readonly double[] _logLossOfClass;      // (K) summed log-loss of those rows
    private readonly double[] _rowsByRank;          // (K + 1) rows whose true class ranked r; slot K = unknown class
    private readonly double[][] _confusion;         // (K, K) [true class][predicted class]

    public MulticlassMetricsAccumulator(int numberOfClasses, int topK)
    {
        Debug.Assert(numberOfClasses > 0 && topK >= 0);
        _numberOfClasses = numberOfClasses;
        _topK = topK;
        _rowsOfClass = new double[numberOfClasses];
        _logLossOfClass = new double[numberOfClasses];
        _rowsByRank = new double[numberOfClasses + 1];
        _confusion = new double[numberOfClasses][];
        for (int c = 0; c < numberOfClasses; c++) _confusion[c] = new double[numberOfClasses];
    }

    /// <summary>The number of rows added so far.</summary>
    public long Rows => (long)_rows;

    /// <summary>Rows whose label had no score slot (label index >= K).</summary>
    public long UnknownClassRows { get; private set; }

    /// <summary>Adds one row: <paramref name="label"/> is the 0-based true class (any value >= K means a class
    /// the model does not know), <paramref name="scores"/> the K finite class probabilities.</summary>
    public void Add(int label, ReadOnlySpan<float> scores)
    {
        Debug.Assert(label >= 0 && scores.Length == _numberOfClasses);
        int K = _numberOfClasses;
        bool known = label < K;

        // The argmax is a plain loop rather than TensorPrimitives.IndexOfMax because ML.NET compares with
        // '<' only, so +0 and -0 tie (IndexOfMax ranks +0 above -0), and ties must go to the lower index.
        int predicted = 0;
        for (int i = 1; i < K; i++)
        {
            if (scores[predicted] < scores[i]) predicted = i;
        }

        double logLoss;
        int rank;
        if (known)
        {
            float p = Math.Min(1f, Math.Max(ProbabilityFloor, scores[label]));
            logLoss = -Math.Log(p);
            float trueScore = scores[label];
            rank = 0;
            for (int i = 0; i < K; i++)
            {
                if (scores[i] > trueScore || (scores[i] == trueScore && i < label)) rank++;
            }
        }
        else
        {
            logLoss = -Math.Log(ProbabilityFloor);
            rank = K;
            UnknownClassRows++;
        }

        _rows += 1;
        _totalLogLoss += logLoss;
        _rowsByRank[rank] += 1;
        if (!known) return;
        _rowsOfClass[label] += 1;
        _logLossOfClass[label] += logLoss;
        _confusion[label][predicted] += 1;
        if (predicted == label) _correct += 1;
    }

    /// <summary>The metrics of the rows added so far; <paramref name="classNames"/> has one name per class.</summary>
    public MulticlassClassificationMetrics ToMetrics(IReadOnlyList<ReadOnlyMemory<char>> classNames)
    {
        Debug.Assert(classNames.Count == _numberOfClasses);
        int K = _numberOfClasses;
        double rows = _rows;

        double microAccuracy = rows > 0 ? _correct / rows : 0;

        // Macro: the mean recall over the classes that occur in the labels (absent classes are left out).
        double recallSum = 0;
        int presentClasses = 0;
        for (int c = 0; c < K; c++)
        {
            if (_rowsOfClass[c] > 0)
            {
                recallSum += _confusion[c][c] / _rowsOfClass[c];
                presentClasses++;
            }
        }
        double macroAccuracy = presentClasses > 0 ? recallSum / presentClasses : 0;

        double logLoss = rows > 0 ? _totalLogLoss / rows : 0;

        // The prior's log-loss is the entropy of the evaluated labels: -sum_c (n_c / N) ln(n_c / N) over the
        // classes that occur. N counts unknown-class rows too, exactly as ML.NET's Counters.Reduction does.
        double entropy = 0;
        for (int c = 0; c < K; c++)
        {
            if (_rowsOfClass[c] != 0) entropy += _rowsOfClass[c] * Math.Log(_rowsOfClass[c] / rows);
        }
        entropy /= -rows;
        double logLossReduction = (entropy - logLoss) / entropy;

        // TopKAccuracyForAllK[k - 1] = fraction of rows whose true class ranked below k (slot K, the
        // unknown class, never counts, even when k > K).
        var topKAccuracies = new double[_topK];
        double cumulative = 0;
        for (int k = 1; k <= _topK; k++)
        {
            if (k - 1 < K) cumulative += _rowsByRank[k - 1];
            topKAccuracies[k - 1] = rows > 0 ? cumulative / rows : 0;
        }

        var perClassLogLoss = new double[K];
        for (int c = 0; c < K; c++) perClassLogLoss[c] = _rowsOfClass[c] > 0 ? _logLossOfClass[c] / _rowsOfClass[c] : 0;

        var confusion = new ConfusionMatrix(_confusion, classNames);
        return new MulticlassClassificationMetrics(microAccuracy, macroAccuracy, logLoss, logLossReduction,
            _topK, topKAccuracies, perClassLogLoss, confusion);
    }
}
