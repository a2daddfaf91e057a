// Scoring workspaces for concurrent cursors. EncoderClassifier keeps its activations in fields
// (llm.c style: allocated once, reused every call), so one instance must never run two forward passes
// at once. Each scoring cursor therefore rents its own instance for its lifetime and returns it on
// Dispose; instances are built from the model's weights file bytes, so every instance computes
// exactly the same scores. Idle instances are kept (up to one per processor) so that a
// PredictionEngine, which opens a cursor per prediction, does not rebuild a model every call.
// Thread-safe: ConcurrentBag for the idle set; the weights bytes are never written.
using System.Collections.Concurrent;
using MlNetAttention.Neural.Layers;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Trainers;

internal sealed class InferenceModelPool
{
    private readonly byte[] _weights;
    private readonly int _threadCount;
    private readonly SubwordRows? _subwords;
    private readonly ConcurrentBag<EncoderClassifier> _idle = [];
    private readonly int _maximumIdle = Math.Max(2, Environment.ProcessorCount);

    /// <param name="weights">An EncoderClassifier weights file (EncoderClassifier.Save).</param>
    /// <param name="threadCount">Threads of each forward pass (0 = all).</param>
    /// <param name="first">An instance already loaded from <paramref name="weights"/>, kept as the first idle
    /// one; the others share its subword rows.</param>
    public InferenceModelPool(byte[] weights, int threadCount, EncoderClassifier first)
    {
        _weights = weights;
        _threadCount = threadCount;
        _subwords = first.Subwords;
        first.ThreadCount = threadCount;
        _idle.Add(first);
    }

    /// <summary>An instance no other caller is using; give it back with <see cref="Return"/>.</summary>
    public EncoderClassifier Rent() => _idle.TryTake(out var model) ? model : Create(_weights, _threadCount, _subwords);

    /// <summary>Makes <paramref name="model"/> available again (dropped when enough are idle).</summary>
    public void Return(EncoderClassifier model)
    {
        if (_idle.Count < _maximumIdle) _idle.Add(model);
    }

    /// <summary>Loads an instance from a weights file.</summary>
    public static EncoderClassifier Create(byte[] weights, int threadCount, SubwordRows? subwords) =>
        Create(weights, threadCount, _ => subwords);

    /// <summary>Loads an instance from a weights file, with the subword rows <paramref name="subwordsFor"/>
    /// gives for the file's configuration.</summary>
    public static EncoderClassifier Create(byte[] weights, int threadCount, Func<EncoderClassifierConfig, SubwordRows?> subwordsFor)
    {
        var model = EncoderClassifier.Load(new MemoryStream(weights, writable: false), subwordsFor: subwordsFor);
        model.ThreadCount = threadCount;
        return model;
    }
}
