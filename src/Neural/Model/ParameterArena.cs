// All parameters of a model in one float array, described by one table of named tensors, with a
// gradient array of the same layout (llm.c's params_memory / grads_memory): AdamW, gradient clipping
// and zeroing are single flat loops, and saving is one pass over the table. The gradient array is
// allocated on first use, so a model that only scores (a loaded scoring instance) holds its weights alone.
namespace MlNetAttention.Neural.Model;

public sealed class ParameterArena
{
    private readonly ParameterTensor[] _tensors;
    private readonly Dictionary<string, ParameterTensor> _byName;
    private readonly float[] _values;
    private float[]? _gradients;

    internal ParameterArena(IEnumerable<(string Name, int[] Shape, ParameterKind Kind)> table)
    {
        var tensors = new List<ParameterTensor>();
        _byName = new Dictionary<string, ParameterTensor>(StringComparer.Ordinal);
        int offset = 0;
        foreach (var (name, shape, kind) in table)
        {
            var tensor = new ParameterTensor(name, shape, kind, offset);
            if (!_byName.TryAdd(name, tensor))
                throw new InvalidOperationException($"duplicate parameter name '{name}'.");
            tensors.Add(tensor);
            offset = checked(offset + tensor.Length);
        }
        _tensors = tensors.ToArray();
        _values = new float[offset];
    }

    /// <summary>The tensors in arena order (the order of the weights file).</summary>
    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    /// <summary>Total number of parameters.</summary>
    public int ElementCount => _values.Length;

    /// <summary>Every parameter value, in arena order.</summary>
    public Span<float> Values => _values;

    /// <summary>Every gradient, same layout as <see cref="Values"/>.</summary>
    public Span<float> Gradients => GradientArray;

    public Span<float> ValuesOf(ParameterTensor tensor) => _values.AsSpan(tensor.Offset, tensor.Length);

    public Span<float> GradientsOf(ParameterTensor tensor) => GradientArray.AsSpan(tensor.Offset, tensor.Length);

    /// <summary>Whether the gradient array exists yet (it is allocated on first use).</summary>
    public bool HasGradients => _gradients is not null;

    internal Memory<float> ValueMemory(ParameterTensor tensor) => _values.AsMemory(tensor.Offset, tensor.Length);

    /// <summary>The tensor called <paramref name="name"/>; throws an ArgumentException naming it if absent.</summary>
    public ParameterTensor this[string name] =>
        _byName.TryGetValue(name, out var tensor) ? tensor
            : throw new ArgumentException($"no parameter named '{name}'.", nameof(name));

    public bool TryGet(string name, out ParameterTensor tensor) => _byName.TryGetValue(name, out tensor!);

    /// <summary>Sets every gradient to zero (backward passes accumulate).</summary>
    public void ZeroGradients()
    {
        if (_gradients is not null) Array.Clear(_gradients);
    }

    internal float[] ValueArray => _values;
    internal float[] GradientArray => _gradients ??= new float[_values.Length];
}
