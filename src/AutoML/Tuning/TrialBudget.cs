// How much of the full training effort one trial gets. Successive halving gives early rungs a small
// fraction; a family says whether that fraction cuts its training rows or its epochs
// (TrialBudgetResource). Fraction 1 is the full budget: all the training rows, all the epochs, and,
// under cross-validation, every fold.
namespace MlNetAttention.AutoML;

/// <summary>What a fraction of the budget cuts for a family.</summary>
public enum TrialBudgetResource
{
    /// <summary>The experiment trains on that fraction of the training rows (seeded sample); the family
    /// builds the same pipeline at every budget. For trainers with no epoch knob (ML.NET's classic ones).</summary>
    Rows,

    /// <summary>The experiment trains on all the rows; the family turns the fraction into epochs
    /// (<see cref="TrialBudget.Epochs"/>). For iterative trainers such as the neural one.</summary>
    Epochs,
}

/// <summary>The budget of one trial: a fraction of the full effort, and the successive-halving rung it
/// belongs to.</summary>
public sealed record TrialBudget
{
    public TrialBudget(double fraction, int rung, int rungCount, bool allFolds = false)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentException($"A budget fraction must be in (0, 1]; got {fraction}.", nameof(fraction));
        if (rungCount < 1 || rung < 0 || rung >= rungCount)
            throw new ArgumentException($"Rung {rung} is not in [0, {rungCount}).", nameof(rung));
        if (allFolds && fraction < 1)
            throw new ArgumentException($"Only a full budget can run on every fold; got fraction {fraction}.", nameof(allFolds));
        (Fraction, Rung, RungCount, AllFolds) = (fraction, rung, rungCount, allFolds);
    }

    /// <summary>The full budget (a single-rung schedule).</summary>
    public static TrialBudget Full { get; } = new(1, 0, 1);

    /// <summary>Share of the full effort, in (0, 1].</summary>
    public double Fraction { get; }

    /// <summary>The rung, 0 = cheapest.</summary>
    public int Rung { get; }

    /// <summary>Rungs in the schedule; the last one is the full budget.</summary>
    public int RungCount { get; }

    /// <summary>Whether the trial fits and scores every cross-validation fold (the cross-validation rung), not
    /// only the first split.</summary>
    public bool AllFolds { get; }

    /// <summary>Whether this is the full budget (all rows, all epochs).</summary>
    public bool IsFull => Fraction >= 1;

    /// <summary>The epochs this budget allows out of <paramref name="fullEpochs"/>: rounded, at least 1.</summary>
    public int Epochs(int fullEpochs)
    {
        if (fullEpochs < 1)
            throw new ArgumentException($"Full epochs must be at least 1; got {fullEpochs}.", nameof(fullEpochs));
        return Math.Max(1, (int)Math.Round(Fraction * fullEpochs, MidpointRounding.AwayFromZero));
    }
}
