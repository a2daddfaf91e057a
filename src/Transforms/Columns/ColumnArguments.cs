// The argument check every multi-column estimator makes on its column list: the list is given, has
// at least one entry, and no entry is null (or, for names, empty or blank). The estimator keeps a
// copy, so later edits of the caller's array do not change it. One place, so every estimator says
// the same thing and names the parameter and the bad entry.
namespace MlNetAttention.Transforms;

/// <summary>Checks and copies the column lists given to estimators.</summary>
internal static class ColumnArguments
{
    /// <summary>A copy of <paramref name="columns"/>, which must hold at least one entry and no null one.</summary>
    /// <exception cref="ArgumentNullException">The array is null.</exception>
    /// <exception cref="ArgumentException">The array is empty or holds a null entry.</exception>
    public static T[] NonEmptyCopy<T>(T[] columns, string parameterName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(columns, parameterName);
        if (columns.Length == 0)
            throw new ArgumentException("Give at least one column; got none.", parameterName);
        int bad = Array.FindIndex(columns, c => c is null);
        if (bad >= 0)
            throw new ArgumentException($"Column {bad} of {columns.Length} is null.", parameterName);
        return (T[])columns.Clone();
    }

    /// <summary>A copy of <paramref name="names"/>, which must hold at least one name and no null, empty or blank one.</summary>
    /// <exception cref="ArgumentNullException">The array is null.</exception>
    /// <exception cref="ArgumentException">The array is empty or holds a null, empty or blank name.</exception>
    public static string[] NonEmptyNames(string[] names, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(names, parameterName);
        if (names.Length == 0)
            throw new ArgumentException("Give at least one column name; got none.", parameterName);
        int bad = Array.FindIndex(names, string.IsNullOrWhiteSpace);
        if (bad >= 0)
            throw new ArgumentException(
                $"Column name {bad} of {names.Length} is {(names[bad] is null ? "null" : $"empty or blank ('{names[bad]}')")}.", parameterName);
        return (string[])names.Clone();
    }
}
