// The arithmetic of successive halving (Jamieson & Talwalkar 2016; Li et al. 2018, Hyperband): rung k
// of K gets the budget fraction η^(k − (K − 1)), so the top rung is the full budget and each rung below
// it gets 1/η of the next; of the configurations that finished a rung, the best 1/η (rounded down) go up.
// The tuner runs it asynchronously (ASHA, Li et al. 2020): a configuration is promoted as soon as it is
// in the top 1/η of its rung, so no rung waits for stragglers and a time budget can stop it anywhere.
namespace MlNetAttention.AutoML;

/// <summary>Rung budgets and promotion counts of successive halving with reduction factor η.</summary>
public sealed class SuccessiveHalvingSchedule
{
    /// <param name="reductionFactor">η: each rung gets η times the budget of the one below and keeps 1/η of its configurations (≥ 2).</param>
    /// <param name="rungCount">Rungs, the top one being the full budget (≥ 1; 1 = no halving).</param>
    public SuccessiveHalvingSchedule(int reductionFactor = 3, int rungCount = 3)
    {
        if (reductionFactor < 2)
            throw new ArgumentException($"The reduction factor η must be at least 2; got {reductionFactor}.", nameof(reductionFactor));
        if (rungCount < 1 || rungCount > 8)
            throw new ArgumentException($"The rung count must be in [1, 8]; got {rungCount}.", nameof(rungCount));
        (ReductionFactor, RungCount) = (reductionFactor, rungCount);
    }

    /// <summary>η.</summary>
    public int ReductionFactor { get; }

    public int RungCount { get; }

    /// <summary>The budget fraction of rung <paramref name="rung"/>: η^(rung − (RungCount − 1)).</summary>
    public double Fraction(int rung)
    {
        CheckRung(rung);
        return Math.Pow(ReductionFactor, rung - (RungCount - 1));
    }

    /// <summary>The budget of rung <paramref name="rung"/>.</summary>
    public TrialBudget Budget(int rung) => new(Fraction(rung), rung, RungCount);

    /// <summary>How many of <paramref name="finishedAtRung"/> configurations that finished a rung are
    /// promoted to the next: ⌊finished / η⌋.</summary>
    public int PromotionCount(int finishedAtRung)
    {
        if (finishedAtRung < 0)
            throw new ArgumentException($"Finished count must be non-negative; got {finishedAtRung}.", nameof(finishedAtRung));
        return finishedAtRung / ReductionFactor;
    }

    /// <summary>Synchronous successive halving from <paramref name="startingConfigurations"/> at rung 0:
    /// how many configurations run at each rung (n, ⌊n/η⌋, ⌊n/η²⌋, …).</summary>
    public IReadOnlyList<int> ConfigurationsPerRung(int startingConfigurations)
    {
        if (startingConfigurations < 1)
            throw new ArgumentException($"At least one starting configuration is needed; got {startingConfigurations}.", nameof(startingConfigurations));
        var counts = new int[RungCount];
        counts[0] = startingConfigurations;
        for (int rung = 1; rung < RungCount; rung++)
            counts[rung] = PromotionCount(counts[rung - 1]);
        return counts;
    }

    /// <summary>The total budget, in full-budget units, that synchronous halving from
    /// <paramref name="startingConfigurations"/> spends: Σ configurations(k) × fraction(k).</summary>
    public double TotalBudget(int startingConfigurations)
    {
        var counts = ConfigurationsPerRung(startingConfigurations);
        return Enumerable.Range(0, RungCount).Sum(rung => counts[rung] * Fraction(rung));
    }

    private void CheckRung(int rung)
    {
        if (rung < 0 || rung >= RungCount)
            throw new ArgumentException($"Rung {rung} is not in [0, {RungCount}).", nameof(rung));
    }
}
