// One named parameter tensor: where it lives in the arena (offset, length) and its shape.
namespace MlNetAttention.Neural.Model;

public sealed class ParameterTensor
{
    internal ParameterTensor(string name, int[] shape, ParameterKind kind, int offset)
    {
        Name = name;
        Shape = shape;
        Kind = kind;
        Offset = offset;
        long length = 1;
        foreach (int s in shape) length *= s;
        Length = checked((int)length);
    }

    /// <summary>The tensor's name in the weights file (see ParameterLayout for the PyTorch mapping).</summary>
    public string Name { get; }

    /// <summary>Row-major shape, outermost first, e.g. (out, in) for a linear weight as in PyTorch.</summary>
    public IReadOnlyList<int> Shape { get; }

    public ParameterKind Kind { get; }

    /// <summary>Index of the first element in the arena's Values and Gradients.</summary>
    public int Offset { get; }

    /// <summary>Number of elements (product of the shape).</summary>
    public int Length { get; }

    public override string ToString() => $"{Name} ({string.Join(", ", Shape)})";
}
