// MLContext, the entry point of every ML.NET program: it owns the catalogs (Data, Transforms,
// MulticlassClassification, Model), the log, and the source of randomness. All randomness in the
// library flows from NextSeed(), drawn from one master generator seeded by the constructor, so the
// same MLContext(seed) and the same sequence of calls give the same splits, shuffles and models.
using MlNetAttention.Runtime;

namespace MlNetAttention;

/// <summary>The shared context of all operations: catalogs, log and seed.</summary>
public sealed class MLContext
{
    private readonly Random _seeds;
    private readonly object _seedLock = new();

    /// <summary>Creates a context; with a <paramref name="seed"/> every random choice is reproducible,
    /// without one the choices differ from run to run.</summary>
    public MLContext(int? seed = null)
    {
        Seed = seed;
        _seeds = seed is { } s ? new Random(s) : new Random();
        Data = new DataOperationsCatalog(this);
        Transforms = new TransformsCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        Model = new ModelOperationsCatalog(this);
    }

    /// <summary>The seed given to the constructor, if any.</summary>
    public int? Seed { get; }

    /// <summary>Loading, splitting, shuffling and caching data.</summary>
    public DataOperationsCatalog Data { get; }

    /// <summary>Data transformations (extended by the Transforms assembly).</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Multiclass trainers (extended by the Estimators assembly).</summary>
    public MulticlassClassificationCatalog MulticlassClassification { get; }

    /// <summary>Saving, loading and using models.</summary>
    public ModelOperationsCatalog Model { get; }

    /// <summary>Raised for every message a component writes (synchronously, on the writer's thread).</summary>
    public event EventHandler<LoggingEventArgs>? Log;

    /// <summary>Writes a log line; components call this, users subscribe to <see cref="Log"/>.</summary>
    public void WriteLog(string source, ChannelMessageKind kind, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(message);
        Log?.Invoke(this, new LoggingEventArgs(source, kind, message));
    }

    /// <summary>The next seed for a component, drawn from the context's master generator.</summary>
    public int NextSeed()
    {
        lock (_seedLock) return _seeds.Next();
    }
}
