// The arithmetic of successive halving (Jamieson & Talwalkar 2016; Li et al. 2018, Hyperband): rung k
// of K gets the budget fraction η^(k − (K − 1)), so the top rung is the full budget and each rung below
// it gets 1/η of the next; of the configurations that finished a rung, the best 1/η (rounded down) go up.
// Under cross-validation one more rung sits on top (WithCrossValidationRung): the same full budget, but
// fitted and scored on every fold, so only the best full-data configurations pay k fits; the rungs below
// train and score on fold 1.
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
        (ReductionFactor, HalvingRungCount, RungCount) = (reductionFactor, rungCount, rungCount);
    }

    private SuccessiveHalvingSchedule(SuccessiveHalvingSchedule halving)
    {
        (ReductionFactor, HalvingRungCount, RungCount) = (halving.ReductionFactor, halving.HalvingRungCount, halving.HalvingRungCount + 1);
        HasCrossValidationRung = true;
    }

    /// <summary>This schedule with a cross-validation rung on top: full budget on every fold.</summary>
    public SuccessiveHalvingSchedule WithCrossValidationRung() => HasCrossValidationRung ? this : new(this);

    /// <summary>Rungs of halving proper (the last of them is the full budget on one split).</summary>
    public int HalvingRungCount { get; }

    /// <summary>Whether the top rung cross-validates (fits every fold at the full budget).</summary>
    public bool HasCrossValidationRung { get; }

    /// <summary>The lowest rung with the full budget (HalvingRungCount − 1).</summary>
    public int FirstFullRung => HalvingRungCount - 1;

    /// <summary>η.</summary>
    public int ReductionFactor { get; }

    public int RungCount { get; }

    /// <summary>The budget fraction of rung <paramref name="rung"/>: η^(rung − (HalvingRungCount − 1)), at most 1.</summary>
    public double Fraction(int rung)
    {
        CheckRung(rung);
        return Math.Min(1, Math.Pow(ReductionFactor, rung - (HalvingRungCount - 1)));
    }

    /// <summary>The budget of rung <paramref name="rung"/> (AllFolds on the cross-validation rung).</summary>
    public TrialBudget Budget(int rung) =>
        new(Fraction(rung), rung, RungCount, allFolds: HasCrossValidationRung && rung == RungCount - 1);

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

    /// <summary>The total budget, in full-budget units of one split, that synchronous halving from
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
