// What a stage reads its state from when a model is loaded: the entries of its folder of the
// model .zip. Every failure is reported as InvalidDataException (the container: a missing,
// damaged or unreadable entry) or FormatException (the content: bad JSON, a bad value), naming the
// model file and the entry, so a corrupted file never surfaces as a crash deep inside a stage. All
// access to the zip goes through ModelArchive, which also guards the reads of an opened entry.
using System.Text;
using System.Text.Json;
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Reads one component's entries from its folder of a model file.</summary>
public sealed class ModelLoadContext
{
    private readonly ModelArchive _archive;

    /// <summary>The context the model is loaded into (its log and seed), for components that need it.</summary>
    public MLContext Context { get; }

    /// <summary>The model file's name for messages ("&lt;stream&gt;" when loaded from a stream).</summary>
    public string Source { get; }

    /// <summary>The entry-name prefix of this component.</summary>
    public string Folder { get; }

    internal ModelLoadContext(ModelArchive archive, MLContext context, string folder)
    {
        _archive = archive;
        Context = context;
        Source = archive.Source;
        Folder = folder;
    }

    /// <summary>True when the entry <paramref name="name"/> exists in this component's folder.</summary>
    /// <exception cref="InvalidDataException">The zip directory is damaged.</exception>
    public bool ContainsEntry(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _archive.Contains(Folder + name);
    }

    /// <summary>Opens the entry <paramref name="name"/> for reading. Reading a damaged entry throws an
    /// InvalidDataException naming the model file and the entry.</summary>
    /// <exception cref="InvalidDataException">The entry is missing, or the zip directory or the entry's header is damaged.</exception>
    public Stream OpenEntry(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _archive.TryOpen(Folder + name)
            ?? throw new InvalidDataException($"Model file '{Source}': missing entry '{Folder + name}'.");
    }

    /// <summary>Reads a UTF-8 text entry.</summary>
    public string ReadText(string name)
    {
        using var reader = new StreamReader(OpenEntry(name), Encoding.UTF8);
        return Guard(name, reader.ReadToEnd);
    }

    /// <summary>Reads a JSON entry as <typeparamref name="T"/>.</summary>
    /// <exception cref="FormatException">The entry is not valid JSON for T.</exception>
    public T ReadJson<T>(string name)
    {
        using var stream = OpenEntry(name);
        try
        {
            return JsonSerializer.Deserialize<T>(stream, ModelJson.Options)
                ?? throw Error(name, "the JSON value is null");
        }
        catch (JsonException e)
        {
            throw Error(name, $"invalid JSON ({e.Message})", e);
        }
        catch (NotSupportedException e)
        {
            throw Error(name, $"invalid JSON ({e.Message})", e);
        }
    }

    /// <summary>Reads a binary entry through <paramref name="read"/>; a truncated entry is an InvalidDataException.</summary>
    public T ReadBinary<T>(string name, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var reader = new BinaryReader(OpenEntry(name), Encoding.UTF8);
        return Guard(name, () => read(reader));
    }

    /// <summary>Loads the component saved with <see cref="ModelSaveContext.SaveComponent"/>.</summary>
    public ITransformer LoadComponent(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var child = new ModelLoadContext(_archive, Context, Folder + name.TrimEnd('/') + "/");
        var list = child.ReadJson<ModelFormat.ComponentList>(ModelFormat.ComponentEntry);
        var stages = child.LoadStages(list.Stages ?? throw child.Error(ModelFormat.ComponentEntry, "no stage list"));
        if (list.IsChain) return new TransformerChain<ITransformer>(stages);
        if (stages.Length != 1) throw child.Error(ModelFormat.ComponentEntry, $"expected one stage, found {stages.Length}");
        return stages[0];
    }

    /// <summary>Loads each listed stage from its sub-folder.</summary>
    internal ITransformer[] LoadStages(IReadOnlyList<ModelFormat.StageEntry> entries)
    {
        var stages = new ITransformer[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry is null || string.IsNullOrEmpty(entry.Type) || string.IsNullOrEmpty(entry.Folder)
                || entry.Folder.Contains("..") || entry.Folder.StartsWith('/'))
                throw Error("", $"stage {i} has no valid type and folder");
            var load = StageTypeResolver.ResolveLoader(entry.Type, Source);
            var stageContext = new ModelLoadContext(_archive, Context, Folder + entry.Folder);
            try
            {
                stages[i] = load(stageContext);
            }
            catch (Exception e) when (e is not (InvalidDataException or FormatException))
            {
                throw new InvalidDataException(
                    $"Model file '{Source}': stage {i} ({entry.Type}) in '{Folder + entry.Folder}' could not be loaded: {e.Message}", e);
            }
        }
        return stages;
    }

    /// <summary>A FormatException naming the model file and the entry, for a stage's own checks.</summary>
    public FormatException Error(string entryName, string message, Exception? inner = null) =>
        new($"Model file '{Source}', entry '{Folder + entryName}': {message}.", inner);

    // Names the file and entry in what a reader callback throws: a truncated binary entry, a stage's own
    // InvalidDataException or IOException. Damage in the zip itself arrives already named (ModelArchive).
    private T Guard<T>(string name, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Model file '{Source}': entry '{Folder + name}' is truncated.", e);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("Model file", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Model file '{Source}': entry '{Folder + name}' is corrupted: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"Model file '{Source}': entry '{Folder + name}' cannot be read: {e.Message}", e);
        }
    }
}
