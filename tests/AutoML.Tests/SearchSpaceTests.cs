// Search-space sampling: every drawn value lies in its range, the same seed draws the same
// configurations, the families' defaults are inside their spaces, and bad ranges or values are
// refused with an ArgumentException naming the parameter.
namespace MlNetAttention.AutoML.Tests;

public class SearchSpaceTests
{
    public static TheoryData<string> FamilyNames() => new(ClassicTrainerFamilies.All().Select(f => f.TrainerName));

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Samples_of_every_classic_family_lie_in_its_space_and_its_default_too(string trainerName)
    {
        var family = ClassicTrainerFamilies.All().Single(f => f.TrainerName == trainerName);
        family.SearchSpace.Validate(family.DefaultParameters);
        var random = new Random(3);
        for (int i = 0; i < 300; i++)
            family.SearchSpace.Validate(family.SearchSpace.Sample(random)); // throws if out of range
    }

    [Fact]
    public void Integer_and_real_ranges_are_respected_and_log_scale_reaches_both_ends()
    {
        var space = new SearchSpace(HyperParameter.Integer("n", 4, 128, logScale: true), HyperParameter.Real("rate", 1e-4, 1, logScale: true));
        var random = new Random(1);
        var samples = Enumerable.Range(0, 2000).Select(_ => space.Sample(random)).ToList();
        Assert.All(samples, s => Assert.InRange(s.GetInt32("n"), 4, 128));
        Assert.All(samples, s => Assert.InRange(s.GetDouble("rate"), 1e-4, 1));
        // Log scale: about a quarter of the draws below 1e-3 (one decade of four); uniform would give 0.1 %.
        double shareBelow = samples.Count(s => s.GetDouble("rate") < 1e-3) / (double)samples.Count;
        Assert.InRange(shareBelow, 0.18, 0.32);
        Assert.Contains(samples, s => s.GetInt32("n") == 4);
        Assert.Contains(samples, s => s.GetInt32("n") >= 100);
    }

    [Fact]
    public void The_same_seed_draws_the_same_configurations_and_another_seed_does_not()
    {
        var space = new SdcaMaximumEntropyFamily().SearchSpace;
        List<ParameterSet> Draw(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 20).Select(_ => space.Sample(random)).ToList();
        }
        Assert.Equal(Draw(42), Draw(42));
        Assert.NotEqual(Draw(42), Draw(43));
    }

    [Fact]
    public void Bad_ranges_and_values_are_refused_naming_the_parameter()
    {
        var reversed = Assert.Throws<ArgumentException>(() => HyperParameter.Integer("layers", 5, 2));
        Assert.Equal("max", reversed.ParamName);
        Assert.Contains("layers", reversed.Message);
        Assert.Throws<ArgumentException>(() => HyperParameter.Real("rate", 0, 1, logScale: true));
        Assert.Throws<ArgumentException>(() => HyperParameter.Choice("pooling"));
        var space = new SearchSpace(HyperParameter.Integer("layers", 1, 4));
        var outside = Assert.Throws<ArgumentException>(() => space.Validate(ParameterSet.Of(("layers", 9))));
        Assert.Contains("layers", outside.Message);
        Assert.Contains("9", outside.Message);
        Assert.Throws<ArgumentException>(() => space.Validate(ParameterSet.Empty));
        Assert.Throws<ArgumentException>(() => new SearchSpace(HyperParameter.Integer("a", 1, 2), HyperParameter.Integer("a", 1, 2)));
    }

    [Fact]
    public void Parameter_sets_compare_by_value_and_read_with_typed_getters()
    {
        var a = ParameterSet.Of(("layers", 2), ("rate", 0.5), ("pooling", "Mean"), ("bag", true));
        var b = ParameterSet.Of(("bag", true), ("pooling", "Mean"), ("rate", 0.5), ("layers", 2));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.With("layers", 3));
        Assert.Equal(2, a.GetInt32("layers"));
        Assert.Equal(2.0, a.GetDouble("layers"));
        Assert.Equal("layers=2, rate=0.5, pooling=Mean, bag=true", a.ToString());
        Assert.Throws<ArgumentException>(() => a.GetString("layers"));
        Assert.Throws<ArgumentException>(() => a.Get("missing"));
        Assert.Throws<ArgumentException>(() => ParameterSet.Of(("x", 1.5f)));
    }
}
