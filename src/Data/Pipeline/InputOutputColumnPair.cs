// A (output, input) column-name pair, for catalog methods that process several columns at once.
namespace MlNetAttention;

/// <summary>An output column name and the input column it is computed from.</summary>
public sealed class InputOutputColumnPair
{
    public string OutputColumnName { get; }
    public string InputColumnName { get; }

    /// <summary>Pairs <paramref name="outputColumnName"/> with <paramref name="inputColumnName"/>
    /// (the same name when null).</summary>
    public InputOutputColumnPair(string outputColumnName, string? inputColumnName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        if (inputColumnName is not null) ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName ?? outputColumnName;
    }

    public override string ToString() => $"{OutputColumnName} <- {InputColumnName}";
}
