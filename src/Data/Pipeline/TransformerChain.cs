// A sequence of transformers applied one after another, as ML.NET's TransformerChain: what an
// EstimatorChain fits into and what a model file loads back. Transform is lazy all the way down.
// Saving writes each stage separately (a chain inside a chain is flattened), see ModelFile.
using System.Collections;
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Transformers applied in order; <see cref="LastTransformer"/> is the final, typed stage.</summary>
public sealed class TransformerChain<TLastTransformer> : ITransformer, ICanSaveModel, IEnumerable<ITransformer>
    where TLastTransformer : class, ITransformer
{
    private readonly ITransformer[] _transformers;

    /// <summary>The last stage, or null for an empty chain.</summary>
    public TLastTransformer? LastTransformer { get; }

    /// <summary>A chain of <paramref name="transformers"/>; the last must be a TLastTransformer.</summary>
    public TransformerChain(params ITransformer[] transformers)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        for (int i = 0; i < transformers.Length; i++)
        {
            if (transformers[i] is null)
                throw new ArgumentException($"Transformer {i} of the chain is null.", nameof(transformers));
        }
        _transformers = (ITransformer[])transformers.Clone();
        if (_transformers.Length > 0)
        {
            LastTransformer = _transformers[^1] as TLastTransformer
                ?? throw new ArgumentException(
                    $"The last transformer is a {_transformers[^1].GetType().Name}, not a {typeof(TLastTransformer).Name}.",
                    nameof(transformers));
        }
    }

    /// <summary>The number of stages.</summary>
    public int Count => _transformers.Length;

    /// <summary>This chain followed by <paramref name="transformer"/>.</summary>
    public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer) where TNewLast : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new TransformerChain<TNewLast>([.. _transformers, transformer]);
    }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var schema = inputSchema;
        foreach (var transformer in _transformers) schema = transformer.GetOutputSchema(schema);
        return schema;
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = input;
        foreach (var transformer in _transformers) data = transformer.Transform(data);
        return data;
    }

    /// <summary>Writes the stages (flattened) as a stage list into <paramref name="context"/>.</summary>
    public void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SaveStageList(_transformers);
    }

    public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
