// Predicts how long a trial will take from the trials already run, so the tuner never starts one
// that cannot finish before the deadline. Cost is taken as linear in the work units a trial does:
// budget fraction × folds it fits (a rows- or epochs-fraction scales training time about linearly).
// A family with no history is estimated from the others, scaled by its RelativeCost; with no history
// at all the estimate is 0 (the first trial always starts).
namespace MlNetAttention.AutoML;

/// <summary>Seconds-per-work-unit history per family, and estimates from it.</summary>
internal sealed class TrialCostModel
{
    private readonly Dictionary<string, (double Seconds, double Units)> _byFamily = new();

    /// <summary>Records that <paramref name="family"/> spent <paramref name="seconds"/> on <paramref name="units"/>
    /// work units (fraction × folds).</summary>
    public void Record(ITrialPipelineFactory family, double units, double seconds)
    {
        if (units <= 0 || !double.IsFinite(seconds) || seconds < 0)
            return;
        _byFamily.TryGetValue(family.TrainerName, out var total);
        _byFamily[family.TrainerName] = (total.Seconds + seconds, total.Units + units);
    }

    /// <summary>Whether <paramref name="family"/> has a measured trial.</summary>
    public bool HasHistory(ITrialPipelineFactory family) => _byFamily.ContainsKey(family.TrainerName);

    /// <summary>Estimated seconds for <paramref name="units"/> work units of <paramref name="family"/>.</summary>
    public double Estimate(ITrialPipelineFactory family, double units)
    {
        if (_byFamily.TryGetValue(family.TrainerName, out var own) && own.Units > 0)
            return units * own.Seconds / own.Units;
        if (_byFamily.Count == 0)
            return 0;
        // Per unit of RelativeCost, from the families measured so far.
        double secondsPerUnit = _byFamily.Values.Sum(v => v.Seconds) / _byFamily.Values.Sum(v => v.Units);
        return units * secondsPerUnit * family.RelativeCost;
    }

    /// <summary>The work units of a trial: its budget fraction × the folds it fits.</summary>
    public static double Units(TrialBudget budget, int foldsFitted) => budget.Fraction * foldsFitted;
}
