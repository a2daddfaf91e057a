// The text column type. Values are ReadOnlyMemory<char> (as in ML.NET) so a loader can hand out
// slices of one string per row instead of one string per field.
namespace MlNetAttention.Data;

/// <summary>Text; the raw type is <see cref="ReadOnlyMemory{T}"/> of <see cref="char"/>.</summary>
public sealed class TextDataViewType : PrimitiveDataViewType
{
    /// <summary>The single instance of the text type.</summary>
    public static TextDataViewType Instance { get; } = new();

    private TextDataViewType() : base(typeof(ReadOnlyMemory<char>)) { }

    public override bool Equals(DataViewType? other) => other is TextDataViewType;

    public override int GetHashCode() => typeof(TextDataViewType).GetHashCode();

    public override string ToString() => "Text";
}
