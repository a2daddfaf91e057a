// The attributes of ML.NET's data model classes: [LoadColumn] says which field(s) of a text file a
// member is read from, [ColumnName] renames the column, [KeyType] makes a uint member a key,
// [VectorType] fixes an array member's size, [NoColumn] leaves a member out.
namespace MlNetAttention.Data;

/// <summary>The 0-based field index (or indices) a member is loaded from by TextLoader.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class LoadColumnAttribute : Attribute
{
    /// <summary>The field indices, in order (several for a vector member).</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>One field.</summary>
    public LoadColumnAttribute(int fieldIndex) : this([fieldIndex]) { }

    /// <summary>The fields <paramref name="start"/> to <paramref name="end"/> inclusive, as one vector.</summary>
    public LoadColumnAttribute(int start, int end)
        : this(end >= start ? Enumerable.Range(start, end - start + 1).ToArray()
            : throw new ArgumentOutOfRangeException(nameof(end), end, $"The range end must be >= its start {start}."))
    {
    }

    /// <summary>The listed fields, as one vector.</summary>
    public LoadColumnAttribute(int[] columnIndexes)
    {
        ArgumentNullException.ThrowIfNull(columnIndexes);
        if (columnIndexes.Length == 0) throw new ArgumentException("At least one field index is needed.", nameof(columnIndexes));
        foreach (int index in columnIndexes)
        {
            if (index < 0) throw new ArgumentOutOfRangeException(nameof(columnIndexes), index, "Field indices must be non-negative.");
        }
        Indices = (int[])columnIndexes.Clone();
    }
}

/// <summary>The column name of a member (default: the member's name).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ColumnNameAttribute : Attribute
{
    public string Name { get; }

    public ColumnNameAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }
}

/// <summary>Makes a uint member a key column with <see cref="Count"/> valid keys.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class KeyTypeAttribute : Attribute
{
    public ulong Count { get; }

    public KeyTypeAttribute(ulong count)
    {
        if (count == 0 || count > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A key count must be between 1 and {uint.MaxValue}.");
        Count = count;
    }
}

/// <summary>Gives an array member a fixed vector size (without it, the vector has variable length).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class VectorTypeAttribute : Attribute
{
    public IReadOnlyList<int> Dimensions { get; }

    public VectorTypeAttribute(params int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (int d in dimensions)
        {
            if (d < 0) throw new ArgumentOutOfRangeException(nameof(dimensions), d, "Vector dimensions must be non-negative.");
        }
        Dimensions = (int[])dimensions.Clone();
    }
}

/// <summary>Leaves a member out of the column mapping.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class NoColumnAttribute : Attribute
{
}
