// One tunable setting of a trial pipeline: its name, its range (or list of choices) and how to draw a
// value from it. Values are int, double, string or bool so that a ParameterSet prints, compares and
// serialises plainly (leaderboard, JSON). Ranges are checked when the parameter is built, in every build.
using System.Globalization;

namespace MlNetAttention.AutoML;

/// <summary>A named, bounded hyper-parameter that can draw a value with a seeded <see cref="Random"/>.</summary>
public abstract class HyperParameter
{
    protected HyperParameter(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"A hyper-parameter needs a name; got '{name}'.", nameof(name));
        Name = name;
    }

    /// <summary>The key of the value in a <see cref="ParameterSet"/>.</summary>
    public string Name { get; }

    /// <summary>Draws one value; the same <paramref name="random"/> state gives the same value.</summary>
    public abstract object Sample(Random random);

    /// <summary>Whether <paramref name="value"/> is a value this parameter can take.</summary>
    public abstract bool Contains(object value);

    /// <summary>The range in words, for error messages and the leaderboard's description of the space.</summary>
    public abstract string Describe();

    /// <summary>An integer in [min, max], drawn uniformly or (logScale) uniformly in log space.</summary>
    public static HyperParameter Integer(string name, int min, int max, bool logScale = false) =>
        new IntegerParameter(name, min, max, logScale);

    /// <summary>A real number in [min, max], drawn uniformly or (logScale) uniformly in log space.</summary>
    public static HyperParameter Real(string name, double min, double max, bool logScale = false) =>
        new RealParameter(name, min, max, logScale);

    /// <summary>One of the given values (int, double, string or bool), each equally likely.</summary>
    public static HyperParameter Choice(string name, params object[] choices) => new ChoiceParameter(name, choices);

    private sealed class IntegerParameter : HyperParameter
    {
        private readonly int _min, _max;
        private readonly bool _logScale;

        public IntegerParameter(string name, int min, int max, bool logScale) : base(name)
        {
            if (max < min)
                throw new ArgumentException($"Parameter '{name}': max {max} is below min {min}.", nameof(max));
            if (logScale && min <= 0)
                throw new ArgumentException($"Parameter '{name}': a log-scale range needs min > 0; got {min}.", nameof(min));
            (_min, _max, _logScale) = (min, max, logScale);
        }

        public override object Sample(Random random)
        {
            if (!_logScale)
                return random.Next(_min, _max + 1);
            // Draw in log space over [min, max + 1) and floor, so every integer keeps a share.
            double logValue = Math.Log(_min) + random.NextDouble() * (Math.Log(_max + 1.0) - Math.Log(_min));
            return Math.Clamp((int)Math.Floor(Math.Exp(logValue)), _min, _max);
        }

        public override bool Contains(object value) => value is int i && i >= _min && i <= _max;

        public override string Describe() => $"integer in [{_min}, {_max}]{(_logScale ? " (log)" : "")}";
    }

    private sealed class RealParameter : HyperParameter
    {
        private readonly double _min, _max;
        private readonly bool _logScale;

        public RealParameter(string name, double min, double max, bool logScale) : base(name)
        {
            if (!double.IsFinite(min) || !double.IsFinite(max) || max < min)
                throw new ArgumentException($"Parameter '{name}': the range [{min}, {max}] is not a finite interval.", nameof(max));
            if (logScale && min <= 0)
                throw new ArgumentException($"Parameter '{name}': a log-scale range needs min > 0; got {min}.", nameof(min));
            (_min, _max, _logScale) = (min, max, logScale);
        }

        public override object Sample(Random random)
        {
            double u = random.NextDouble();
            double value = _logScale
                ? Math.Exp(Math.Log(_min) + u * (Math.Log(_max) - Math.Log(_min)))
                : _min + u * (_max - _min);
            // Rounded to 4 significant digits: a leaderboard reads better, and nothing is lost in tuning.
            return Math.Clamp(RoundSignificant(value, 4), _min, _max);
        }

        public override bool Contains(object value) => value is double d && d >= _min && d <= _max;

        public override string Describe() =>
            string.Create(CultureInfo.InvariantCulture, $"real in [{_min}, {_max}]{(_logScale ? " (log)" : "")}");

        private static double RoundSignificant(double value, int digits)
        {
            if (value == 0)
                return 0;
            int scale = digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
            return scale is >= 0 and <= 15 ? Math.Round(value, scale) : value;
        }
    }

    private sealed class ChoiceParameter : HyperParameter
    {
        private readonly object[] _choices;

        public ChoiceParameter(string name, object[] choices) : base(name)
        {
            if (choices is null || choices.Length == 0)
                throw new ArgumentException($"Parameter '{name}' needs at least one choice.", nameof(choices));
            foreach (var choice in choices)
                if (choice is not (int or double or string or bool))
                    throw new ArgumentException(
                        $"Parameter '{name}': choice '{choice}' ({choice?.GetType().Name ?? "null"}) is not an int, double, string or bool.",
                        nameof(choices));
            _choices = (object[])choices.Clone();
        }

        public override object Sample(Random random) => _choices[random.Next(_choices.Length)];

        public override bool Contains(object value) => _choices.Any(choice => choice.Equals(value));

        public override string Describe() =>
            "one of {" + string.Join(", ", _choices.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture))) + "}";
    }
}
