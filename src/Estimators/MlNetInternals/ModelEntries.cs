// Our side of ML.NET's model repository: a transformer's folder inside the model .zip, written and
// read through ModelSaveContext / ModelLoadContext (members ML.NET keeps internal; see README.md).
// The rest of the library sees only these two small types: named binary entries, a text entry, the
// folder's name, and errors that name the model file (when ML.NET read it from a file) and the entry.
// ML.NET also gives every transformer a main "Model.key" stream that starts with a VersionInfo header;
// the writer stamps it with our signature and version, and the reader checks it before anything else,
// so a folder written by another component, or by a newer format, is refused with a clear error.
using System.IO.Compression;
using System.Reflection;
using Microsoft.ML.Runtime;

namespace MlNetAttention.MlNetInternals;

/// <summary>The identity ML.NET stamps on a transformer's folder: signature, versions, loader.</summary>
internal sealed record ModelIdentity(string Signature, uint Version, string LoaderSignature)
{
    /// <summary>ML.NET's VersionInfo: written = readable = oldest readable = <see cref="Version"/>, and the
    /// loader assembly this library is (so Model.Load in a fresh process finds the loader).</summary>
    public VersionInfo ToVersionInfo(Type loaderType) =>
        new(Signature, Version, Version, Version, loaderAssemblyName: loaderType.Assembly.FullName, loaderSignature: LoaderSignature);
}

/// <summary>Writes a transformer's entries into its folder of an ML.NET model.</summary>
internal sealed class ModelEntryWriter
{
    private readonly ModelSaveContext _context;

    private ModelEntryWriter(ModelSaveContext context) => _context = context;

    /// <summary>Starts the folder: checks ML.NET gave us one and stamps its header.</summary>
    public static ModelEntryWriter Begin(ModelSaveContext context, ModelIdentity identity, Type loaderType)
    {
        ArgumentNullException.ThrowIfNull(context);
        MlNetCompatibility.EnsureCompatible();
        if (!context.InRepository)
            throw new NotSupportedException("This transformer saves into an ML.NET model repository (MLContext.Model.Save), not into a bare stream.");
        context.CheckAtModel();
        context.SetVersionInfo(identity.ToVersionInfo(loaderType));
        return new ModelEntryWriter(context);
    }

    /// <summary>Writes entry <paramref name="name"/> with <paramref name="content"/>.</summary>
    public void WriteBytes(string name, byte[] content) =>
        _context.SaveBinaryStream(name, writer => writer.Write(content));

    /// <summary>Writes text entry <paramref name="name"/> (UTF-8, no byte-order mark).</summary>
    public void WriteText(string name, string content) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(content));
}

/// <summary>Reads a transformer's entries from its folder of an ML.NET model.</summary>
internal sealed class ModelEntryReader
{
    private readonly ModelLoadContext _context;

    private ModelEntryReader(ModelLoadContext context, string source)
    {
        _context = context;
        Source = source;
    }

    /// <summary>The model file's path when ML.NET read it from a file, else "the model stream".</summary>
    public string Source { get; }

    /// <summary>The folder's path inside the model, with a trailing '/' (e.g. "TransformerChain/Transform_1/").</summary>
    public string Folder => string.IsNullOrEmpty(_context.Directory) ? "" : _context.Directory.Replace('\\', '/') + "/";

    /// <summary>Opens the folder after checking its header is ours and of a version we read.</summary>
    /// <exception cref="InvalidDataException">Another component's folder, or a version we cannot read.</exception>
    public static ModelEntryReader Open(ModelLoadContext context, ModelIdentity identity, Type loaderType)
    {
        ArgumentNullException.ThrowIfNull(context);
        MlNetCompatibility.EnsureCompatible();
        string source = SourceOf(context);
        if (!context.InRepository)
            throw new InvalidDataException($"Model '{source}': this transformer loads from an ML.NET model repository only.");
        try
        {
            context.CheckAtModel(identity.ToVersionInfo(loaderType));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or IOException or InvalidDataException)
        {
            throw new InvalidDataException(
                $"Model '{source}': folder '{context.Directory}' is not an {identity.LoaderSignature} model of format version {identity.Version} ({e.Message}).", e);
        }
        return new ModelEntryReader(context, source);
    }

    /// <summary>The bytes of entry <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">The entry is missing or cannot be read (truncated, damaged).</exception>
    public byte[] ReadBytes(string name)
    {
        byte[]? content = null;
        bool found;
        try
        {
            found = _context.TryLoadBinaryStream(name, reader =>
            {
                using var copy = new MemoryStream();
                reader.BaseStream.CopyTo(copy);
                content = copy.ToArray();
            });
        }
        catch (Exception e) when (e is IOException or InvalidDataException) // a truncated entry, a damaged deflate stream
        {
            throw Error(name, $"the entry cannot be read ({e.Message})", e);
        }
        if (!found) throw Error(name, "the entry is missing");
        return content!;
    }

    /// <summary>The text of entry <paramref name="name"/> (UTF-8).</summary>
    public string ReadText(string name) => System.Text.Encoding.UTF8.GetString(ReadBytes(name));

    /// <summary>An error about entry <paramref name="name"/>: "Model 'FILE': entry 'FOLDER/NAME' is invalid: DETAIL".</summary>
    public InvalidDataException Error(string name, string detail, Exception? inner = null)
    {
        return new InvalidDataException($"Model '{Source}': entry '{Folder}{name}' is invalid: {detail}.", inner);
    }

    // ML.NET does not keep the path of the file it opened; when the model came from a file, the zip
    // archive's underlying stream is that FileStream, which has it. Anything else: a neutral phrase.
    private static string SourceOf(ModelLoadContext context)
    {
        if (context.Repository?._archive is not ZipArchive archive) return "the model stream";
        var field = typeof(ZipArchive).GetField("_archiveStream", BindingFlags.Instance | BindingFlags.NonPublic);
        return field?.GetValue(archive) is FileStream file ? file.Name : "the model stream";
    }
}
