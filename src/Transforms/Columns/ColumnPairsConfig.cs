// The saved form of a transform whose whole state is a list of (output, input) column pairs, such
// as CopyColumns and MapKeyToValue: one config.json entry, {version: 1, columns: [{output, input}]}.
// One reader and one writer, so the transforms that share this format cannot drift apart, and the
// version check and error messages are the same for all of them. The text must stay exactly what
// version 1 wrote (ColumnPairsPersistenceTests pins it): models saved before still load.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Writes and reads a transform's (output, input) column pairs in a model file.</summary>
internal static class ColumnPairsConfig
{
    private const string Entry = "config.json";
    private const int Version = 1;

    private sealed record SavedPair(string Output, string Input);

    private sealed record SavedConfig(int Version, List<SavedPair> Columns);

    /// <summary>Writes <paramref name="pairs"/> as the component's config.json.</summary>
    public static void Write(ModelSaveContext context, IEnumerable<InputOutputColumnPair> pairs)
    {
        // Binary format: config.json {version: 1, columns: [{output, input}]}.
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pairs);
        context.WriteJson(Entry, new SavedConfig(Version, pairs.Select(c => new SavedPair(c.OutputColumnName, c.InputColumnName)).ToList()));
    }

    /// <summary>Reads the pairs written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">An unknown version, no pairs, or a pair without both names; the
    /// message names the model file and the entry.</exception>
    public static InputOutputColumnPair[] Read(ModelLoadContext context)
    {
        // Binary format: config.json {version: 1, columns: [{output, input}]}.
        ArgumentNullException.ThrowIfNull(context);
        var config = context.ReadJson<SavedConfig>(Entry);
        if (config.Version != Version) throw context.Error(Entry, $"unknown version {config.Version}");
        if (config.Columns is not { Count: > 0 }
            || config.Columns.Any(c => string.IsNullOrWhiteSpace(c?.Output) || string.IsNullOrWhiteSpace(c.Input)))
            throw context.Error(Entry, "missing or incomplete column pairs");
        return config.Columns.Select(c => new InputOutputColumnPair(c.Output, c.Input)).ToArray();
    }
}
