// Halving arithmetic: rung budgets η^(k − K + 1), promotion counts ⌊n/η⌋, configurations per rung,
// total budget, epochs from a fraction, and refusal of bad arguments.
namespace MlNetAttention.AutoML.Tests;

public class SuccessiveHalvingScheduleTests
{
    [Fact]
    public void Rung_budgets_grow_by_eta_up_to_the_full_budget()
    {
        var schedule = new SuccessiveHalvingSchedule(reductionFactor: 3, rungCount: 3);
        Assert.Equal(1.0 / 9, schedule.Fraction(0), 12);
        Assert.Equal(1.0 / 3, schedule.Fraction(1), 12);
        Assert.Equal(1.0, schedule.Fraction(2), 12);
        Assert.True(schedule.Budget(2).IsFull);
        Assert.False(schedule.Budget(1).IsFull);
        Assert.Equal(1.0, new SuccessiveHalvingSchedule(2, 1).Fraction(0));
        Assert.Equal(0.125, new SuccessiveHalvingSchedule(2, 4).Fraction(0));
    }

    [Theory]
    [InlineData(3, 0, 0)]
    [InlineData(3, 2, 0)]
    [InlineData(3, 3, 1)]
    [InlineData(3, 8, 2)]
    [InlineData(3, 9, 3)]
    [InlineData(2, 7, 3)]
    public void Promotion_count_is_the_floor_of_finished_over_eta(int eta, int finished, int promoted) =>
        Assert.Equal(promoted, new SuccessiveHalvingSchedule(eta, 3).PromotionCount(finished));

    [Fact]
    public void Synchronous_halving_from_27_configurations_runs_27_9_3_and_spends_9_full_budgets()
    {
        var schedule = new SuccessiveHalvingSchedule(3, 3);
        Assert.Equal([27, 9, 3], schedule.ConfigurationsPerRung(27));
        Assert.Equal(27 / 9.0 + 9 / 3.0 + 3, schedule.TotalBudget(27), 9);
        Assert.Equal([10, 3, 1], schedule.ConfigurationsPerRung(10));
    }

    [Fact]
    public void The_cross_validation_rung_repeats_the_full_budget_on_every_fold()
    {
        var schedule = new SuccessiveHalvingSchedule(3, 3).WithCrossValidationRung();
        Assert.Equal(4, schedule.RungCount);
        Assert.Equal(2, schedule.FirstFullRung);
        Assert.Equal(1.0 / 9, schedule.Fraction(0), 12);
        Assert.Equal(1.0, schedule.Fraction(2));
        Assert.Equal(1.0, schedule.Fraction(3));
        Assert.False(schedule.Budget(2).AllFolds);
        Assert.True(schedule.Budget(3).AllFolds);
        Assert.Equal([27, 9, 3, 1], schedule.ConfigurationsPerRung(27));
        Assert.Same(schedule, schedule.WithCrossValidationRung());
        Assert.Equal("allFolds", Assert.Throws<ArgumentException>(() => new TrialBudget(0.5, 0, 2, allFolds: true)).ParamName);
    }

    [Fact]
    public void Epochs_are_the_rounded_fraction_of_the_full_epochs_and_at_least_one()
    {
        var schedule = new SuccessiveHalvingSchedule(3, 3);
        Assert.Equal(1, schedule.Budget(0).Epochs(9));
        Assert.Equal(3, schedule.Budget(1).Epochs(9));
        Assert.Equal(9, schedule.Budget(2).Epochs(9));
        Assert.Equal(1, schedule.Budget(0).Epochs(2));
        Assert.Equal(2, schedule.Budget(0).Epochs(18));
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_the_parameter()
    {
        Assert.Equal("reductionFactor", Assert.Throws<ArgumentException>(() => new SuccessiveHalvingSchedule(1, 3)).ParamName);
        Assert.Equal("rungCount", Assert.Throws<ArgumentException>(() => new SuccessiveHalvingSchedule(3, 0)).ParamName);
        Assert.Equal("rung", Assert.Throws<ArgumentException>(() => new SuccessiveHalvingSchedule(3, 3).Fraction(3)).ParamName);
        Assert.Equal("fraction", Assert.Throws<ArgumentException>(() => new TrialBudget(0, 0, 1)).ParamName);
        Assert.Equal("fullEpochs", Assert.Throws<ArgumentException>(() => TrialBudget.Full.Epochs(0)).ParamName);
    }
}
