// What a stage writes its state through when a model is saved: entries (text, JSON, binary
// streams) inside the stage's own folder of the model .zip, plus nested components. The zip is
// written sequentially, so only one entry stream may be open at a time: dispose one before
// creating the next (the Write* helpers do this for you).
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Writes one component's entries into its folder of a model file.</summary>
public sealed class ModelSaveContext
{
    private readonly ZipArchive _archive;

    /// <summary>The entry-name prefix of this component, e.g. "stages/000_ValueToKeyMappingTransformer/".</summary>
    public string Folder { get; }

    internal ModelSaveContext(ZipArchive archive, string folder)
    {
        _archive = archive;
        Folder = folder;
    }

    /// <summary>Creates the entry <paramref name="name"/> (relative to <see cref="Folder"/>) and returns its stream.</summary>
    public Stream CreateEntry(string name)
    {
        ValidateEntryName(name);
        return _archive.CreateEntry(Folder + name, CompressionLevel.Optimal).Open();
    }

    /// <summary>Writes a UTF-8 text entry.</summary>
    public void WriteText(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var writer = new StreamWriter(CreateEntry(name), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>Writes <paramref name="value"/> as an indented JSON entry.</summary>
    public void WriteJson<T>(string name, T value)
    {
        using var stream = CreateEntry(name);
        JsonSerializer.Serialize(stream, value, ModelJson.Options);
    }

    /// <summary>Writes a binary entry through <paramref name="write"/> (little-endian, UTF-8 strings).</summary>
    public void WriteBinary(string name, Action<BinaryWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var writer = new BinaryWriter(CreateEntry(name), Encoding.UTF8);
        write(writer);
    }

    /// <summary>Saves <paramref name="component"/> in the sub-folder <paramref name="name"/>; read it back
    /// with <see cref="ModelLoadContext.LoadComponent"/>. A chain is saved stage by stage.</summary>
    public void SaveComponent(string name, ITransformer component)
    {
        ValidateEntryName(name);
        ArgumentNullException.ThrowIfNull(component);
        new ModelSaveContext(_archive, Folder + name.TrimEnd('/') + "/").SaveStageList([component], IsChain(component));
    }

    /// <summary>Writes <paramref name="stages"/> (chains flattened) as this folder's component list.</summary>
    internal void SaveStageList(IEnumerable<ITransformer> stages, bool isChain = true)
    {
        var entries = WriteStages(stages);
        WriteJson(ModelFormat.ComponentEntry, new ModelFormat.ComponentList(isChain, entries));
    }

    /// <summary>Saves each stage in its own numbered sub-folder and returns the list for a manifest.</summary>
    internal List<ModelFormat.StageEntry> WriteStages(IEnumerable<ITransformer> stages)
    {
        var entries = new List<ModelFormat.StageEntry>();
        foreach (var stage in Flatten(stages))
        {
            if (stage is not ICanSaveModel saveable)
                throw new InvalidOperationException(
                    $"The pipeline stage {stage.GetType().FullName} cannot be saved to a model file (it does not implement ICanSaveModel).");
            string folder = $"{entries.Count:D3}_{stage.GetType().Name}/";
            entries.Add(new ModelFormat.StageEntry(StageTypeResolver.NameOf(stage.GetType()), folder));
            saveable.Save(new ModelSaveContext(_archive, Folder + folder));
        }
        return entries;
    }

    private static IEnumerable<ITransformer> Flatten(IEnumerable<ITransformer> stages)
    {
        foreach (var stage in stages)
        {
            if (IsChain(stage))
            {
                foreach (var inner in Flatten((IEnumerable<ITransformer>)stage)) yield return inner;
            }
            else yield return stage;
        }
    }

    internal static bool IsChain(ITransformer stage) =>
        stage.GetType().IsGenericType && stage.GetType().GetGenericTypeDefinition() == typeof(TransformerChain<>);

    private static void ValidateEntryName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith('/') || name.Contains('\\') || name.Split('/').Any(part => part is ".." or "."))
            throw new ArgumentException($"Entry name '{name}' must be a relative path without '.', '..' or '\\'.", nameof(name));
    }
}
