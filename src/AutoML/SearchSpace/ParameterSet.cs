// The values of one trial's hyper-parameters: an immutable, ordered name → value map with typed
// getters. Equality is by value, so the tuner can tell a configuration it has already tried.
using System.Collections;
using System.Globalization;

namespace MlNetAttention.AutoML;

/// <summary>One configuration: hyper-parameter values by name (int, double, string or bool).</summary>
public sealed class ParameterSet : IReadOnlyList<KeyValuePair<string, object>>, IEquatable<ParameterSet>
{
    private readonly KeyValuePair<string, object>[] _values;

    /// <summary>Builds a set from name/value pairs; names must be distinct.</summary>
    public ParameterSet(IEnumerable<KeyValuePair<string, object>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToArray();
        var duplicate = _values.GroupBy(v => v.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Parameter '{duplicate.Key}' is given more than once.", nameof(values));
        foreach (var (name, value) in _values)
            if (value is not (int or double or string or bool))
                throw new ArgumentException(
                    $"Parameter '{name}' has value '{value}' of type {value?.GetType().Name ?? "null"}; expected int, double, string or bool.",
                    nameof(values));
    }

    /// <summary>A set with no parameters (a family with nothing to tune).</summary>
    public static ParameterSet Empty { get; } = new(Array.Empty<KeyValuePair<string, object>>());

    /// <summary>Builds a set from (name, value) tuples, in the given order.</summary>
    public static ParameterSet Of(params (string Name, object Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value)));

    public int Count => _values.Length;

    public KeyValuePair<string, object> this[int index] => _values[index];

    /// <summary>Whether a value named <paramref name="name"/> is present.</summary>
    public bool Contains(string name) => Array.Exists(_values, v => v.Key == name);

    public object Get(string name)
    {
        foreach (var (key, value) in _values)
            if (key == name)
                return value;
        throw new ArgumentException(
            $"No parameter named '{name}' in this set ({string.Join(", ", _values.Select(v => v.Key))}).", nameof(name));
    }

    public int GetInt32(string name) => Get(name) is int i ? i : throw WrongType(name, "int");

    /// <summary>The value as a double (an int value widens).</summary>
    public double GetDouble(string name) => Get(name) switch
    {
        double d => d,
        int i => i,
        _ => throw WrongType(name, "double"),
    };

    public string GetString(string name) => Get(name) is string s ? s : throw WrongType(name, "string");

    public bool GetBoolean(string name) => Get(name) is bool b ? b : throw WrongType(name, "bool");

    /// <summary>The set with <paramref name="name"/> set to <paramref name="value"/> (added if absent).</summary>
    public ParameterSet With(string name, object value) =>
        new(Contains(name)
            ? _values.Select(v => v.Key == name ? new KeyValuePair<string, object>(name, value) : v)
            : _values.Append(new KeyValuePair<string, object>(name, value)));

    /// <summary>"name=value, …" with invariant number formatting, in declaration order.</summary>
    public override string ToString() =>
        string.Join(", ", _values.Select(v => $"{v.Key}={Format(v.Value)}"));

    internal static string Format(object value) => value switch
    {
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public bool Equals(ParameterSet? other) =>
        other is not null && other._values.Length == _values.Length
        && _values.All(v => other.Contains(v.Key) && other.Get(v.Key).Equals(v.Value));

    public override bool Equals(object? obj) => Equals(obj as ParameterSet);

    public override int GetHashCode()
    {
        int hash = 0;
        foreach (var (key, value) in _values)
            hash ^= HashCode.Combine(key, value);
        return hash;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ArgumentException WrongType(string name, string expected) =>
        new($"Parameter '{name}' is {Get(name).GetType().Name} ({Format(Get(name))}), not {expected}.", nameof(name));
}
