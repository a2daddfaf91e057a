// The deterministic per-row draw behind TrainTestSplit: each row gets u in [0, 1) from a hash of
// (seed, sampling key) — the key column's value when one is named, so equal keys always land on
// the same side, else the row id. A hash instead of a random stream means the split does not
// depend on reading order, needs no memory, and both halves can be streamed independently.
// Mixing is SplitMix64's finaliser (Steele, Lea & Flood 2014); text is hashed with FNV-1a first.
namespace MlNetAttention.Data;

internal static class SplitHashing
{
    /// <summary>A function giving the current row's draw in [0, 1).</summary>
    public static Func<double> MakeDraw(DataViewRow row, DataViewSchema.Column? keyColumn, int seed)
    {
        ulong seedHash = Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL);
        Func<ulong> key = keyColumn is { } column ? MakeKeyHash(row, column) : MakeIdHash(row);
        return () => ToUnit(Mix(key() ^ seedHash));
    }

    /// <summary>True when a column of <paramref name="type"/> can be a sampling key.</summary>
    public static bool IsSupportedKeyType(DataViewType type) => type is PrimitiveDataViewType and not RowIdDataViewType;

    private static Func<ulong> MakeIdHash(DataViewRow row)
    {
        var getter = row.GetIdGetter();
        DataViewRowId id = default;
        return () =>
        {
            getter(ref id);
            return id.Low ^ Mix(id.High);
        };
    }

    private static Func<ulong> MakeKeyHash(DataViewRow row, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case TextDataViewType:
            {
                var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
                ReadOnlyMemory<char> value = default;
                return () =>
                {
                    getter(ref value);
                    return HashText(value.Span);
                };
            }
            case BooleanDataViewType:
                return Hash(row.GetGetter<bool>(column), v => v ? 1UL : 0UL);
            case KeyDataViewType:
                return Hash(row.GetGetter<uint>(column), v => v);
            default:
                if (column.Type == NumberDataViewType.Single)
                    return Hash(row.GetGetter<float>(column), v => (ulong)BitConverter.DoubleToInt64Bits(Canonical(v)));
                if (column.Type == NumberDataViewType.Double)
                    return Hash(row.GetGetter<double>(column), v => (ulong)BitConverter.DoubleToInt64Bits(Canonical(v)));
                if (column.Type == NumberDataViewType.Int32) return Hash(row.GetGetter<int>(column), v => (ulong)v);
                if (column.Type == NumberDataViewType.Int64) return Hash(row.GetGetter<long>(column), v => (ulong)v);
                if (column.Type == NumberDataViewType.UInt32) return Hash(row.GetGetter<uint>(column), v => v);
                throw new ArgumentException($"Column '{column.Name}' of type {column.Type} cannot be a sampling key.");
        }
    }

    // Equal numbers hash equally whatever their type width or sign of zero; all NaNs are one value.
    private static double Canonical(double value) => double.IsNaN(value) ? double.NaN : value == 0 ? 0.0 : value;

    private static Func<ulong> Hash<T>(ValueGetter<T> getter, Func<T, ulong> bits)
    {
        T value = default!;
        return () =>
        {
            getter(ref value);
            return bits(value);
        };
    }

    private static ulong HashText(ReadOnlySpan<char> text)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a 64-bit offset basis
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL; // FNV prime
        }
        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // The top 53 bits as a double in [0, 1).
    private static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
