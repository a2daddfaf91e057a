// Saves a fitted pipeline and its input schema to one .zip and loads it back (the format is
// described in ModelFormat). Load checks, in order: the file is a zip, it has a manifest, the
// manifest is valid JSON of this format, the version is one this library reads, every stage type
// is allowed, and every stage finds its entries; each failure is an InvalidDataException or
// FormatException naming the file and what is wrong, also for damage that System.IO.Compression
// only finds lazily (see ModelArchive). Nothing is cached between loads.
using System.IO.Compression;
using System.Text.Json;

namespace MlNetAttention.Data;

internal static class ModelFile
{
    private static readonly string Writer =
        $"MlNetAttention.Data {typeof(ModelFile).Assembly.GetName().Version}";

    public static void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        // Binary format: a zip with manifest.json (format, formatVersion, writer, inputSchema, stages)
        // and one folder per stage under stages/ holding what that stage wrote.
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var root = new ModelSaveContext(archive, ModelFormat.StagesFolder);
        var stages = root.WriteStages(ModelSaveContext.IsChain(model) ? (IEnumerable<ITransformer>)model : [model]);
        var schema = inputSchema.Where(c => !c.IsHidden)
            .Select(c => new ModelFormat.SchemaColumnEntry(c.Name, DataViewTypeFormat.Format(c.Type)))
            .ToList();
        var manifest = new ModelFormat.Manifest(ModelFormat.FormatName, ModelFormat.FormatVersion, Writer, schema, stages);
        using var entry = archive.CreateEntry(ModelFormat.ManifestEntry, CompressionLevel.Optimal).Open();
        JsonSerializer.Serialize(entry, manifest, ModelJson.Options);
    }

    public static ITransformer Load(Stream stream, string source, MLContext context, out DataViewSchema inputSchema)
    {
        // Binary format: a zip with manifest.json (format, formatVersion, writer, inputSchema, stages)
        // and one folder per stage under stages/ holding what that stage wrote.
        // Every read of the archive (its directory, the manifest, each stage's entries) goes through
        // ModelArchive, so damage found lazily by System.IO.Compression still names the file and entry.
        using var archive = ModelArchive.Open(stream, source);
        var manifest = ReadManifest(archive, source);
        inputSchema = ParseSchema(manifest, source);
        var root = new ModelLoadContext(archive, context, ModelFormat.StagesFolder);
        return new TransformerChain<ITransformer>(root.LoadStages(manifest.Stages));
    }

    private static ModelFormat.Manifest ReadManifest(ModelArchive archive, string source)
    {
        using var manifestStream = archive.TryOpen(ModelFormat.ManifestEntry)
            ?? throw new InvalidDataException(
                $"Model file '{source}' has no {ModelFormat.ManifestEntry}; it is not an MlNetAttention model.");
        ModelFormat.Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelFormat.Manifest>(manifestStream, ModelJson.Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Model file '{source}': {ModelFormat.ManifestEntry} is not valid JSON ({e.Message}).", e);
        }
        if (manifest is null || manifest.Format != ModelFormat.FormatName)
            throw new FormatException(
                $"Model file '{source}': {ModelFormat.ManifestEntry} does not describe an MlNetAttention model " +
                $"(format '{manifest?.Format}', expected '{ModelFormat.FormatName}').");
        if (manifest.FormatVersion != ModelFormat.FormatVersion)
            throw new FormatException(
                $"Model file '{source}' has format version {manifest.FormatVersion}, but this library " +
                $"({Writer}) reads version {ModelFormat.FormatVersion}.");
        if (manifest.Stages is null || manifest.InputSchema is null)
            throw new FormatException($"Model file '{source}': {ModelFormat.ManifestEntry} lacks its stage list or input schema.");
        return manifest;
    }

    private static DataViewSchema ParseSchema(ModelFormat.Manifest manifest, string source)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in manifest.InputSchema)
        {
            if (column is null || string.IsNullOrEmpty(column.Name) || column.Type is null)
                throw new FormatException($"Model file '{source}': the input schema has a column without a name or type.");
            DataViewType type;
            try
            {
                type = DataViewTypeFormat.Parse(column.Type);
            }
            catch (FormatException e)
            {
                throw new FormatException($"Model file '{source}': input column '{column.Name}': {e.Message}", e);
            }
            builder.AddColumn(column.Name, type);
        }
        return builder.ToSchema();
    }
}
