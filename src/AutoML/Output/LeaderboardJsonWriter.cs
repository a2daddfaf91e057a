// Writes a leaderboard as JSON: the experiment summary (metric, validation plan, seed, budget, time
// used, stop reason, best trial), the spending per family, and every trial. Written to a temporary file
// and moved into place, so a reader never sees half a file.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetAttention.AutoML;

/// <summary>The leaderboard as a JSON document.</summary>
public static class LeaderboardJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The JSON text of <paramref name="leaderboard"/>.</summary>
    public static string ToJson(Leaderboard leaderboard)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        var result = leaderboard.Result;
        var document = new
        {
            optimizingMetric = result.OptimizingMetric.ToString(),
            validation = new { kind = result.Validation.Kind.ToString(), result.Validation.TrainingRowCount, result.Validation.Folds,
                result.Validation.HoldoutFraction, result.Validation.Description },
            result.Seed,
            result.MaxExperimentTimeInSeconds,
            result.ElapsedSeconds,
            result.StopReason,
            trials = result.RunDetails.Count,
            bestTrialId = result.BestRun?.TrialId,
            bestTrainerName = result.BestRun?.TrainerName,
            bestMetricValue = result.BestRun?.MetricValue,
            spending = leaderboard.Spending,
            entries = leaderboard.Entries,
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>Writes <paramref name="leaderboard"/> to <paramref name="path"/> whole or not at all.</summary>
    public static void Write(Leaderboard leaderboard, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"A file path is needed; got '{path}'.", nameof(path));
        string json = ToJson(leaderboard);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, path, overwrite: true);
    }
}
