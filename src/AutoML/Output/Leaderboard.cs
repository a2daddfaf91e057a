// The experiment's trials ranked as a leaderboard: completed full-budget trials first by the optimised
// metric, then partial-budget ones (higher rung first), then failed and cancelled ones in run order.
// Also sums where the time went per trainer family ("what the tuner spent where"). The Spectre table,
// the JSON file and the SVG plot are all drawn from this one ranking.
using Microsoft.ML.Data;

namespace MlNetAttention.AutoML;

/// <summary>One row of the leaderboard.</summary>
public sealed record LeaderboardEntry(
    int Rank, int TrialId, int ConfigurationId, string TrainerName, string Parameters, int Rung, double BudgetFraction,
    TrialStatus Status, double MetricValue, double? MicroAccuracy, double? MacroAccuracy, double? LogLoss,
    int FoldsScored, double StartedAtSeconds, double RuntimeInSeconds, string? Error);

/// <summary>Time and trials per trainer family.</summary>
public sealed record FamilySpending(string TrainerName, int Trials, int FullBudgetTrials, int FailedTrials, double Seconds, double BestMetricValue);

/// <summary>The ranked trials of an experiment and its spending per family.</summary>
public sealed class Leaderboard
{
    private Leaderboard(IReadOnlyList<LeaderboardEntry> entries, IReadOnlyList<FamilySpending> spending,
        ExperimentResult<MulticlassClassificationMetrics> result)
    {
        (Entries, Spending, Result) = (entries, spending, result);
    }

    public IReadOnlyList<LeaderboardEntry> Entries { get; }

    public IReadOnlyList<FamilySpending> Spending { get; }

    public ExperimentResult<MulticlassClassificationMetrics> Result { get; }

    /// <summary>Ranks the trials of <paramref name="result"/>.</summary>
    public static Leaderboard From(ExperimentResult<MulticlassClassificationMetrics> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool maximizing = result.OptimizingMetric.IsMaximizing();
        var ranked = result.RunDetails
            .OrderBy(r => r.Status == TrialStatus.Completed ? 0 : 1)
            .ThenByDescending(r => r.Status == TrialStatus.Completed ? r.Budget.Rung : 0)
            .ThenByDescending(r => r.Status == TrialStatus.Completed ? (maximizing ? r.MetricValue : -r.MetricValue) : 0)
            .ThenBy(r => r.TrialId)
            .Select((r, index) => new LeaderboardEntry(index + 1, r.TrialId, r.ConfigurationId, r.TrainerName, r.Parameters.ToString(),
                r.Budget.Rung, r.Budget.Fraction, r.Status, r.MetricValue, r.ValidationMetrics?.MicroAccuracy,
                r.ValidationMetrics?.MacroAccuracy, r.ValidationMetrics?.LogLoss, r.FoldMetricValues.Count,
                r.StartedAtSeconds, r.RuntimeInSeconds, r.Exception is null ? null : $"{r.Exception.GetType().Name}: {r.Exception.Message}"))
            .ToList();
        var spending = result.RunDetails.GroupBy(r => r.TrainerName)
            .Select(g =>
            {
                var completed = g.Where(r => r.Status == TrialStatus.Completed).ToList();
                double best = completed.Count == 0 ? double.NaN
                    : maximizing ? completed.Max(r => r.MetricValue) : completed.Min(r => r.MetricValue);
                return new FamilySpending(g.Key, g.Count(), completed.Count(r => r.Budget.IsFull),
                    g.Count(r => r.Status == TrialStatus.Failed), g.Sum(r => r.RuntimeInSeconds), best);
            })
            .OrderByDescending(s => s.Seconds)
            .ToList();
        return new Leaderboard(ranked, spending, result);
    }
}
