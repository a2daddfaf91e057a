// A 128-bit row identifier, as in ML.NET. Row ids are unique within a data view and stable across
// cursors over the same data, which is what lets a split or a hash-based sampler be deterministic.
namespace MlNetAttention;

/// <summary>A 128-bit unsigned row identifier.</summary>
public readonly record struct DataViewRowId(ulong Low, ulong High) : IComparable<DataViewRowId>
{
    /// <summary>A row id for a row position (High = 0).</summary>
    public static DataViewRowId FromPosition(long position) => new((ulong)position, 0);

    public int CompareTo(DataViewRowId other)
    {
        int byHigh = High.CompareTo(other.High);
        return byHigh != 0 ? byHigh : Low.CompareTo(other.Low);
    }

    public override string ToString() => High == 0 ? Low.ToString() : $"{High:X16}{Low:X16}";
}
