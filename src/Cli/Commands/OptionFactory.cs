// Options whose values parse with the invariant culture and whose parse errors name the flag in plain
// words ("--epochs: 'abc' is not a whole number"), instead of System.CommandLine's default message
// that quotes a CLR type name. Choices ("--pooling attention|mean|...") are checked the same way.
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace MlNetAttention.Cli.Commands;

internal static class OptionFactory
{
    /// <summary>An optional number; null when the flag is absent.</summary>
    public static Option<T?> Number<T>(string name, string description) where T : struct, INumber<T>
    {
        var option = new Option<T?>(name) { Description = description, HelpName = HelpName<T>() };
        option.CustomParser = result => Parse<T>(result, name);
        return option;
    }

    /// <summary>A number with a default value.</summary>
    public static Option<T> Number<T>(string name, string description, T defaultValue) where T : struct, INumber<T>
    {
        var option = new Option<T>(name) { Description = description, HelpName = HelpName<T>(), DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result => Parse<T>(result, name) ?? defaultValue;
        return option;
    }

    /// <summary>An optional value from a fixed list of names.</summary>
    public static Option<string?> Choice(string name, string description, IReadOnlyList<string> choices)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = string.Join("|", choices) };
        option.CustomParser = result =>
        {
            string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (choices.Contains(token)) return token;
            result.AddError($"{name}: '{token}' is not one of {string.Join(", ", choices)}.");
            return null;
        };
        return option;
    }

    private static T? Parse<T>(ArgumentResult result, string name) where T : struct, INumber<T>
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        // Float, not the parsers' default Float | AllowThousands, so that "1,5" is an error rather than 15.
        var style = IsInteger<T>() ? NumberStyles.Integer : NumberStyles.Float;
        if (T.TryParse(token, style, CultureInfo.InvariantCulture, out T value)) return value;
        result.AddError(IsInteger<T>()
            ? $"{name}: '{token}' is not a whole number."
            : $"{name}: '{token}' is not a number (use a dot for decimals, e.g. 0.001 or 1e-3).");
        return null;
    }

    private static bool IsInteger<T>() => typeof(T) == typeof(int) || typeof(T) == typeof(long);

    private static string HelpName<T>() => IsInteger<T>() ? "N" : "X";
}
