// Renders a leaderboard for the console with Spectre.Console: a summary line, the top trials as a
// table (rank, trainer, rung/budget, metric, accuracies, seconds, parameters or error) and the time
// spent per family.
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlNetAttention.AutoML;

/// <summary>Spectre.Console tables of a leaderboard.</summary>
public static class LeaderboardTableRenderer
{
    /// <summary>The leaderboard's top <paramref name="maximumRows"/> trials and the per-family spending, as renderables.</summary>
    public static IRenderable Render(Leaderboard leaderboard, int maximumRows = 20)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        if (maximumRows < 1)
            throw new ArgumentException($"maximumRows must be at least 1; got {maximumRows}.", nameof(maximumRows));
        var result = leaderboard.Result;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(result.OptimizingMetric.ToString())}[/] — {Markup.Escape(result.Validation.Description)}");
        table.AddColumns("#", "trial", "trainer", "budget", result.OptimizingMetric.ToString(), "micro acc", "macro acc", "seconds", "parameters / error");
        foreach (var entry in leaderboard.Entries.Take(maximumRows))
        {
            table.AddRow(
                entry.Rank.ToString(CultureInfo.InvariantCulture),
                entry.TrialId.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(entry.TrainerName),
                $"r{entry.Rung} {entry.BudgetFraction:0.###}",
                entry.Status == TrialStatus.Completed ? F(entry.MetricValue) : $"[red]{entry.Status}[/]",
                entry.MicroAccuracy is double micro ? F(micro) : "",
                entry.MacroAccuracy is double macro ? F(macro) : "",
                entry.RuntimeInSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                Markup.Escape(entry.Error ?? entry.Parameters));
        }

        var spending = new Table().Border(TableBorder.Simple).Title("time per trainer");
        spending.AddColumns("trainer", "trials", "full budget", "failed", "seconds", "best");
        foreach (var family in leaderboard.Spending)
            spending.AddRow(Markup.Escape(family.TrainerName), family.Trials.ToString(CultureInfo.InvariantCulture),
                family.FullBudgetTrials.ToString(CultureInfo.InvariantCulture), family.FailedTrials.ToString(CultureInfo.InvariantCulture),
                family.Seconds.ToString("0.0", CultureInfo.InvariantCulture), double.IsNaN(family.BestMetricValue) ? "" : F(family.BestMetricValue));

        var summary = new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{result.RunDetails.Count} trials in {result.ElapsedSeconds:0.0} s of {result.MaxExperimentTimeInSeconds:0} s ({result.StopReason}); seed {result.Seed}; best: {result.BestRun?.TrainerName ?? "none"} {(result.BestRun is null ? "" : F(result.BestRun.MetricValue))}")));
        return new Rows(summary, table, spending);
    }

    /// <summary>Writes the leaderboard to <paramref name="console"/> (AnsiConsole.Console when null).</summary>
    public static void Write(Leaderboard leaderboard, IAnsiConsole? console = null, int maximumRows = 20) =>
        (console ?? AnsiConsole.Console).Write(Render(leaderboard, maximumRows));

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
