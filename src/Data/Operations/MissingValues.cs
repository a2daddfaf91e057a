// ML.NET's notion of a missing value for the types that have one: NaN for Single and Double, key 0
// for keys; a vector is missing something when any element is. Used by FilterRowsByMissingValues.
namespace MlNetAttention.Data;

internal static class MissingValues
{
    public static bool CanBeMissing(DataViewType type)
    {
        var item = type is VectorDataViewType vector ? vector.ItemType : type;
        return item is KeyDataViewType || item == NumberDataViewType.Single || item == NumberDataViewType.Double;
    }

    /// <summary>A check of the current row's value of <paramref name="column"/>.</summary>
    public static Func<bool> MakeIsMissing(DataViewRow row, DataViewSchema.Column column)
    {
        var item = column.Type.GetItemType();
        if (item is KeyDataViewType) return Make<uint>(row, column, v => v == 0);
        if (item == NumberDataViewType.Single) return Make<float>(row, column, float.IsNaN);
        if (item == NumberDataViewType.Double) return Make<double>(row, column, double.IsNaN);
        throw new ArgumentException($"Column '{column.Name}' of type {column.Type} has no missing value.");
    }

    private static Func<bool> Make<T>(DataViewRow row, DataViewSchema.Column column, Func<T, bool> isMissing)
    {
        if (column.Type is VectorDataViewType)
        {
            var vectorGetter = row.GetGetter<VBuffer<T>>(column);
            VBuffer<T> vector = default;
            return () =>
            {
                vectorGetter(ref vector);
                foreach (var value in vector.GetValues())
                {
                    if (isMissing(value)) return true;
                }
                return false; // implicit sparse entries are default(T): 0 and 0f are not missing
            };
        }
        var getter = row.GetGetter<T>(column);
        T scalar = default!;
        return () =>
        {
            getter(ref scalar);
            return isMissing(scalar);
        };
    }
}
