// The leaderboard and its three renderings (Spectre table, JSON, SVG) from one small real experiment
// that has completed trials at several rungs and one failed trial: ranking order, spending per family,
// the JSON's keys and values, the table's content, and the plot's one group per family.
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Spectre.Console;

namespace MlNetAttention.AutoML.Tests;

public sealed class SmallExperimentFixture
{
    public SmallExperimentFixture()
    {
        var ml = new MLContext(1);
        var settings = new MulticlassExperimentSettings
        {
            MaxExperimentTimeInSeconds = 600,
            Seed = 3,
            NumberOfThreads = 1,
            MaxModels = 6,
            CrossValidationRowThreshold = 0,
            Halving = new SuccessiveHalvingSchedule(2, 2),
            Trainers = [new MisbehavingFamily("outOfMemory"), new SdcaMaximumEntropyFamily()],
        };
        Result = ml.Auto().CreateMulticlassClassificationExperiment(settings).Execute(SyntheticText.Load(ml, 200, 4));
    }

    public ExperimentResult<MulticlassClassificationMetrics> Result { get; }
}

public class LeaderboardOutputTests(SmallExperimentFixture fixture) : IClassFixture<SmallExperimentFixture>
{
    private readonly Leaderboard _leaderboard = Leaderboard.From(fixture.Result);

    [Fact]
    public void Completed_full_budget_trials_rank_first_by_metric_and_failures_last()
    {
        var entries = _leaderboard.Entries;
        Assert.Equal(fixture.Result.RunDetails.Count, entries.Count);
        Assert.Equal(fixture.Result.BestRun!.TrialId, entries[0].TrialId);
        Assert.Equal(TrialStatus.Failed, entries[^1].Status);
        Assert.Contains("OutOfMemoryException", entries[^1].Error);
        var completed = entries.Where(e => e.Status == TrialStatus.Completed).ToList();
        for (int i = 1; i < completed.Count; i++)
        {
            Assert.True(completed[i - 1].Rung >= completed[i].Rung);
            if (completed[i - 1].Rung == completed[i].Rung)
                Assert.True(completed[i - 1].MetricValue >= completed[i].MetricValue);
        }
        Assert.Contains(completed, e => e.Rung == 1);
        Assert.Contains(completed, e => e.Rung == 0);
    }

    [Fact]
    public void Spending_sums_each_family_s_trials_and_seconds()
    {
        var sdca = _leaderboard.Spending.Single(s => s.TrainerName == "SdcaMaximumEntropy");
        var trials = fixture.Result.RunDetails.Where(r => r.TrainerName == "SdcaMaximumEntropy").ToList();
        Assert.Equal(trials.Count, sdca.Trials);
        Assert.Equal(trials.Sum(r => r.RuntimeInSeconds), sdca.Seconds, 9);
        Assert.Equal(trials.Count(r => r.Budget.IsFull && r.Status == TrialStatus.Completed), sdca.FullBudgetTrials);
        int failed = fixture.Result.RunDetails.Count(r => r.Status == TrialStatus.Failed);
        Assert.True(failed >= 1);
        Assert.Equal(failed, _leaderboard.Spending.Single(s => s.TrainerName == "Misbehaving-outOfMemory").FailedTrials);
    }

    [Fact]
    public void Json_holds_the_summary_spending_and_every_trial()
    {
        using var document = JsonDocument.Parse(LeaderboardJsonWriter.ToJson(_leaderboard));
        var root = document.RootElement;
        Assert.Equal("MicroAccuracy", root.GetProperty("optimizingMetric").GetString());
        Assert.Equal("Holdout", root.GetProperty("validation").GetProperty("kind").GetString());
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(fixture.Result.BestRun!.TrialId, root.GetProperty("bestTrialId").GetInt32());
        var entries = root.GetProperty("entries");
        Assert.Equal(fixture.Result.RunDetails.Count, entries.GetArrayLength());
        Assert.Equal(fixture.Result.BestRun.MetricValue, entries[0].GetProperty("metricValue").GetDouble(), 12);
        Assert.Equal("Failed", entries[entries.GetArrayLength() - 1].GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("spending").GetArrayLength());

        string path = Path.Combine(Path.GetTempPath(), $"leaderboard-{Guid.NewGuid():N}.json");
        try
        {
            LeaderboardJsonWriter.Write(_leaderboard, path);
            Assert.Equal(LeaderboardJsonWriter.ToJson(_leaderboard), File.ReadAllText(path));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_console_table_shows_trainers_metrics_and_the_failure()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        LeaderboardTableRenderer.Write(_leaderboard, console);
        string output = writer.ToString();
        Assert.Contains("SdcaMaximumEntropy", output);
        Assert.Contains(fixture.Result.BestRun!.MetricValue.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), output);
        Assert.Contains("Failed", output);
        Assert.Contains("time per trainer", output);
        Assert.Throws<ArgumentException>(() => LeaderboardTableRenderer.Render(_leaderboard, maximumRows: 0));
    }

    [Fact]
    public void The_plot_has_one_group_per_family_and_a_dot_per_completed_trial()
    {
        string svg = SearchPlotSvg.Render(_leaderboard);
        var xml = System.Xml.Linq.XDocument.Parse(svg);
        var groups = xml.Root!.Elements().Where(e => e.Name.LocalName == "g").ToList();
        Assert.Equal(2, groups.Count);
        int dots = groups.Sum(g => g.Elements().Count(e => e.Name.LocalName == "circle"));
        Assert.Equal(fixture.Result.RunDetails.Count(r => r.Status == TrialStatus.Completed), dots);
        Assert.Contains(groups, g => (string?)g.Attribute("data-trainer") == "SdcaMaximumEntropy");
        Assert.Throws<ArgumentException>(() => SearchPlotSvg.Render(_leaderboard, width: 10));
    }
}
