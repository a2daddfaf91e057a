// The table of trainer flags: each flag sets the Options property it names to the value given (so the
// error messages, which translate property names back to flags, name the right flag); a flag left out
// keeps the trainer's default; and every option of the trainer that a recipe could tune has a flag.
using System.CommandLine;
using System.Globalization;
using System.Reflection;
using MlNetAttention.Cli.Commands;
using MlNetAttention.Trainers;
using TrainerOptions = MlNetAttention.Trainers.AttentionTextClassificationTrainer.Options;

namespace MlNetAttention.Cli.Tests.Commands;

public sealed class TrainerFlagsTests
{
    /// <summary>Options set by the CLI itself (columns, seed, attention output) or not offered as flags.</summary>
    private static readonly string[] NotFlags =
    [
        nameof(TrainerOptions.LabelColumnName), nameof(TrainerOptions.ScoreColumnName), nameof(TrainerOptions.OutputColumnName),
        nameof(TrainerOptions.Sentence1ColumnName), nameof(TrainerOptions.Sentence2ColumnName), nameof(TrainerOptions.ValidationSet),
        nameof(TrainerOptions.ClassWeights), nameof(TrainerOptions.Seed), nameof(TrainerOptions.OutputAttentionWeights),
        nameof(TrainerOptions.Progress), nameof(TrainerOptions.CancellationToken),
    ];

    [Fact]
    public void Each_flag_sets_the_property_it_names()
    {
        var flags = new TrainerFlags();
        foreach (var option in flags.Options)
        {
            var property = PropertyOf(option);
            var (text, expected) = SampleValue(option, property);
            var options = new TrainerOptions();
            object? before = property.GetValue(options);
            flags.Apply(Parse(flags, option.Name, text), options);

            Assert.Equal(expected, property.GetValue(options));
            Assert.NotEqual(before, expected); // the sample value differs from the default, so the check has teeth
        }
    }

    [Fact]
    public void Flags_left_out_keep_the_trainer_defaults()
    {
        var flags = new TrainerFlags();
        var options = new TrainerOptions();
        flags.Apply(Parse(flags), options);
        var defaults = new TrainerOptions();
        foreach (var property in typeof(TrainerOptions).GetProperties().Where(p => p.CanWrite && p.PropertyType.IsValueType))
            Assert.Equal(property.GetValue(defaults), property.GetValue(options));
    }

    [Fact]
    public void Every_tunable_trainer_option_has_a_flag()
    {
        var flagged = new TrainerFlags().Options.Select(o => PropertyOf(o).Name).ToHashSet();
        var missing = typeof(TrainerOptions).GetProperties().Where(p => p.CanWrite)
            .Select(p => p.Name).Where(n => !flagged.Contains(n) && !NotFlags.Contains(n)).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("attention", TextPoolingKind.Attention)]
    [InlineData("mean", TextPoolingKind.Mean)]
    [InlineData("first", TextPoolingKind.FirstToken)]
    [InlineData("attention-mean", TextPoolingKind.AttentionAndMean)]
    public void Pooling_names_map_to_the_trainer_kinds(string name, TextPoolingKind kind)
    {
        var flags = new TrainerFlags();
        var options = new TrainerOptions { Pooling = kind == TextPoolingKind.Mean ? TextPoolingKind.Attention : TextPoolingKind.Mean };
        flags.Apply(Parse(flags, "--pooling", name), options);
        Assert.Equal(kind, options.Pooling);
        Assert.Equal(name, TrainerFlags.PoolingName(kind));
    }

    private static ParseResult Parse(TrainerFlags flags, params string[] args)
    {
        var command = new RootCommand();
        foreach (var option in flags.Options) command.Options.Add(option);
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return result;
    }

    private static PropertyInfo PropertyOf(Option option)
    {
        // FlagFor is the inverse the error messages use; every flag must be found through it.
        var property = typeof(TrainerOptions).GetProperties().SingleOrDefault(p => TrainerFlags.FlagFor(p.Name) == option.Name);
        Assert.True(property is not null, $"no Options property maps to {option.Name}");
        return property!;
    }

    private static (string Text, object Expected) SampleValue(Option option, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(int)) return ("7", 7);
        if (type == typeof(float)) return ("0.375", 0.375f);
        if (type == typeof(double)) return ("0.375", 0.375);
        if (type == typeof(TextPoolingKind)) return ("first", TextPoolingKind.FirstToken);
        if (type == typeof(TextTokenizerKind)) return ("word", TextTokenizerKind.Word);
        if (type == typeof(string)) return ("minilm", "minilm"); // --encoder
        throw new InvalidOperationException($"No sample value for {option.Name} ({type.Name}).");
    }

    [Fact]
    public void Numbers_parse_with_the_invariant_culture_whatever_the_thread_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // decimal comma, dot as group separator
            var options = new TrainerOptions();
            var flags = new TrainerFlags();
            flags.Apply(Parse(flags, "--learning-rate", "0.001"), options);
            Assert.Equal(0.001f, options.LearningRate);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
