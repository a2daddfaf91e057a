// The model file format, in one place. A model is a .zip:
//   manifest.json                   { format, formatVersion, writer, inputSchema: [{name, type}],
//                                     stages: [{type, folder}] }
//   stages/000_<Type>/...           entries written by stage 0 through its ModelSaveContext
//   stages/001_<Type>/...           ...
// A stage that saves a nested component gets a sub-folder with its own component.json stage list.
// `type` is "Namespace.TypeName, AssemblyName" (no version, so a newer library reads older files);
// column types are written as DataViewType.ToString() text ("Text", "Key<UInt32, 4>", ...).
namespace MlNetAttention.Data;

/// <summary>Constants and records of the model file format.</summary>
internal static class ModelFormat
{
    public const string FormatName = "MlNetAttention model";

    /// <summary>Bumped on any incompatible change; Load refuses other versions with a clear error.</summary>
    public const int FormatVersion = 1;

    public const string ManifestEntry = "manifest.json";
    public const string ComponentEntry = "component.json";
    public const string StagesFolder = "stages/";

    /// <summary>Stage types must come from assemblies whose name starts with this prefix.</summary>
    public const string AllowedAssemblyPrefix = "MlNetAttention.";

    internal sealed record SchemaColumnEntry(string Name, string Type);

    internal sealed record StageEntry(string Type, string Folder);

    internal sealed record Manifest(
        string Format, int FormatVersion, string Writer, List<SchemaColumnEntry> InputSchema, List<StageEntry> Stages);

    internal sealed record ComponentList(bool IsChain, List<StageEntry> Stages);
}
