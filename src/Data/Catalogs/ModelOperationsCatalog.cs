// MLContext.Model, as ML.NET's ModelOperationsCatalog: save a fitted pipeline with its input
// schema to one .zip, load it back (in any process: stage types are resolved by name), and make a
// PredictionEngine for one-object-at-a-time predictions (or a PredictionEnginePool, for predictions
// from several threads). See ModelFormat for the file layout.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Saving, loading and using models.</summary>
public sealed class ModelOperationsCatalog
{
    internal ModelOperationsCatalog(MLContext context) => Context = context;

    /// <summary>The owning context (for extension authors: its log and seed).</summary>
    public MLContext Context { get; }

    /// <summary>Saves <paramref name="model"/> and the schema of the data it expects to <paramref name="filePath"/>.</summary>
    /// <exception cref="InvalidOperationException">A stage cannot be saved (it does not implement ICanSaveModel).</exception>
    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        // Write to a temporary file first so a failed save never leaves a half-written model behind.
        string temporary = filePath + ".tmp";
        try
        {
            using (var stream = File.Create(temporary)) ModelFile.Save(model, inputSchema, stream);
            File.Move(temporary, filePath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Saves <paramref name="model"/> and its input schema to <paramref name="stream"/> (left open).</summary>
    public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream must be writable.", nameof(stream));
        ModelFile.Save(model, inputSchema, stream);
    }

    /// <summary>Loads a model saved by <see cref="Save(ITransformer, DataViewSchema, string)"/>.</summary>
    /// <exception cref="InvalidDataException">Not a zip, no manifest, a missing or corrupted entry.</exception>
    /// <exception cref="FormatException">An unknown format version, a refused stage type, bad content.</exception>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        if (!File.Exists(filePath)) throw new FileNotFoundException($"Model file '{filePath}' does not exist.", filePath);
        using var stream = File.OpenRead(filePath);
        return ModelFile.Load(stream, filePath, Context, out inputSchema);
    }

    /// <summary>Loads a model from <paramref name="stream"/> (left open).</summary>
    public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));
        return ModelFile.Load(stream, "<stream>", Context, out inputSchema);
    }

    /// <summary>A prediction engine mapping <typeparamref name="TSrc"/> objects through <paramref name="transformer"/>
    /// to <typeparamref name="TDst"/> objects. Not thread-safe: make one per thread.</summary>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new PredictionEngine<TSrc, TDst>(transformer, ignoreMissingColumns);
    }

    /// <summary>A pool of prediction engines mapping <typeparamref name="TSrc"/> objects through
    /// <paramref name="transformer"/> to <typeparamref name="TDst"/> objects, safe to use from several threads.
    /// One engine is made now, so a schema mismatch fails here rather than at the first prediction.</summary>
    public PredictionEnginePool<TSrc, TDst> CreatePredictionEnginePool<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new PredictionEnginePool<TSrc, TDst>(this, transformer, ignoreMissingColumns);
    }
}
