// The tuner's decisions without any training: defaults first and cheapest family first, promotion of
// the best once a rung has η results, failed trials never promoted, the "secure a full-budget result"
// rule, unaffordable requests skipped, and the same seed giving the same sequence.
namespace MlNetAttention.AutoML.Tests;

public class CostAwareHalvingTunerTests
{
    private static readonly Func<TrialRequest, bool> Always = _ => true;

    private static List<ITrialPipelineFactory> Families() =>
        [new LightGbmFamily(), new SdcaMaximumEntropyFamily(), new FakeNeuralFamily(TimeSpan.Zero), new LbfgsMaximumEntropyFamily()]; // relative costs 20, 1, 5, 1.5

    [Fact]
    public void The_cheapest_default_runs_first_at_the_full_budget_as_the_baseline()
    {
        var tuner = new CostAwareHalvingTuner(Families(), new SuccessiveHalvingSchedule(3, 3).WithCrossValidationRung(), seed: 1);
        var baseline = tuner.Next(Always, false)!;
        Assert.Equal("SdcaMaximumEntropy", baseline.Family.TrainerName);
        Assert.Equal(2, baseline.Rung); // full data on one split, not the cross-validation rung
        Assert.Equal(baseline.Family.DefaultParameters, baseline.Parameters);
        tuner.Report(baseline, TrialStatus.Completed, 0.9);
        Assert.True(tuner.HasFullBudgetResult);
        // Its rung-0 run still happens (for ranking) but it is never promoted to rungs it has already passed.
        var rungZero = Enumerable.Range(0, 3).Select(_ => tuner.Next(Always, false)!).ToList();
        Assert.Equal(baseline.ConfigurationId, rungZero[0].ConfigurationId);
        foreach (var request in rungZero)
            tuner.Report(request, TrialStatus.Completed, request.ConfigurationId == baseline.ConfigurationId ? 0.99 : 0.5);
        Assert.DoesNotContain(baseline.ConfigurationId, tuner.Promotable(0));
    }

    [Fact]
    public void Defaults_come_first_cheapest_family_first_at_rung_zero()
    {
        var tuner = new CostAwareHalvingTuner(Families(), new SuccessiveHalvingSchedule(3, 3), seed: 1);
        Assert.Equal(2, tuner.Next(Always, false)!.Rung); // the baseline
        var first = Enumerable.Range(0, 4).Select(_ => tuner.Next(Always, false)!).ToList();
        Assert.Equal(["SdcaMaximumEntropy", "LbfgsMaximumEntropy", "FakeNeural", "LightGbm"], first.Select(r => r.Family.TrainerName));
        Assert.All(first, r => Assert.Equal(0, r.Rung));
        Assert.All(first, r => Assert.Equal(r.Family.DefaultParameters, r.Parameters));
    }

    [Fact]
    public void The_best_of_three_finished_at_a_rung_is_promoted_next_and_only_once()
    {
        var tuner = new CostAwareHalvingTuner(Families(), new SuccessiveHalvingSchedule(3, 3), seed: 1);
        tuner.Next(Always, false); // the baseline, left unreported (as if still running)
        var a = tuner.Next(Always, false)!; var b = tuner.Next(Always, false)!;
        tuner.Report(a, TrialStatus.Completed, 0.70);
        tuner.Report(b, TrialStatus.Completed, 0.80);
        var c = tuner.Next(Always, false)!;
        Assert.Equal(0, c.Rung); // two results: ⌊2/3⌋ = 0 promotions
        tuner.Report(c, TrialStatus.Completed, 0.75);
        var promoted = tuner.Next(Always, false)!;
        Assert.Equal(1, promoted.Rung);
        Assert.Equal(b.ConfigurationId, promoted.ConfigurationId);
        Assert.Equal(b.Parameters, promoted.Parameters);
        Assert.Equal(0, tuner.Next(Always, false)!.Rung); // b already went up; nothing else qualifies
    }

    [Fact]
    public void Failed_trials_are_never_promoted()
    {
        var tuner = new CostAwareHalvingTuner(Families(), new SuccessiveHalvingSchedule(3, 2), seed: 1);
        tuner.Next(Always, false); // the baseline, left unreported
        var requests = Enumerable.Range(0, 3).Select(_ => tuner.Next(Always, false)!).ToList();
        tuner.Report(requests[0], TrialStatus.Failed, double.NaN);
        tuner.Report(requests[1], TrialStatus.Completed, 0.5);
        tuner.Report(requests[2], TrialStatus.Cancelled, double.NaN);
        Assert.Empty(tuner.Promotable(0)); // one completed: ⌊1/3⌋ = 0
        Assert.Equal(0, tuner.Next(Always, false)!.Rung);
    }

    [Fact]
    public void After_half_the_time_with_no_full_result_the_best_so_far_goes_to_the_top_rung()
    {
        var tuner = new CostAwareHalvingTuner(Families(), new SuccessiveHalvingSchedule(3, 3), seed: 1);
        tuner.Next(Always, false); // the baseline, left unreported (as if still running)
        var a = tuner.Next(Always, false)!; var b = tuner.Next(Always, false)!;
        tuner.Report(a, TrialStatus.Completed, 0.9);
        tuner.Report(b, TrialStatus.Completed, 0.6);
        var secured = tuner.Next(Always, halfTimeGone: true)!;
        Assert.Equal(2, secured.Rung);
        Assert.Equal(a.ConfigurationId, secured.ConfigurationId);
        tuner.Report(secured, TrialStatus.Completed, 0.91);
        Assert.True(tuner.HasFullBudgetResult);
        Assert.NotEqual(2, tuner.Next(Always, halfTimeGone: true)!.Rung);
    }

    [Fact]
    public void Requests_that_do_not_fit_are_skipped_and_nothing_affordable_gives_null()
    {
        var tuner = new CostAwareHalvingTuner(Families(), new SuccessiveHalvingSchedule(3, 3), seed: 1);
        var onlyCheap = tuner.Next(r => r.Family.TrainerName == "LightGbm", false)!;
        Assert.Equal("LightGbm", onlyCheap.Family.TrainerName);
        Assert.Null(tuner.Next(_ => false, false));
    }

    [Fact]
    public void A_family_whose_trials_fail_is_sampled_less()
    {
        int SamplesOfFakeNeural(bool failIt)
        {
            var tuner = new CostAwareHalvingTuner([new FakeNeuralFamily(TimeSpan.Zero), new LbfgsMaximumEntropyFamily()],
                new SuccessiveHalvingSchedule(3, 1), seed: 9);
            int count = 0;
            for (int i = 0; i < 200; i++)
            {
                var request = tuner.Next(Always, false)!;
                bool isNeural = request.Family.TrainerName == "FakeNeural";
                count += isNeural ? 1 : 0;
                tuner.Report(request, isNeural && failIt ? TrialStatus.Failed : TrialStatus.Completed, isNeural && failIt ? double.NaN : 0.5);
            }
            return count;
        }
        Assert.True(SamplesOfFakeNeural(failIt: true) < SamplesOfFakeNeural(failIt: false) / 4);
    }

    [Fact]
    public void The_same_seed_and_scores_give_the_same_sequence()
    {
        List<string> Sequence(int seed)
        {
            var tuner = new CostAwareHalvingTuner(Families(), new SuccessiveHalvingSchedule(3, 3), seed);
            var seen = new List<string>();
            for (int i = 0; i < 30; i++)
            {
                var request = tuner.Next(Always, false)!;
                seen.Add($"{request.Family.TrainerName}/{request.Rung}/{request.Parameters}");
                // A deterministic score from the parameters (string.GetHashCode is randomised per process).
                tuner.Report(request, TrialStatus.Completed, request.Parameters.ToString().Length % 17 / 17.0);
            }
            return seen;
        }
        Assert.Equal(Sequence(5), Sequence(5));
        Assert.NotEqual(Sequence(5), Sequence(6));
    }
}
