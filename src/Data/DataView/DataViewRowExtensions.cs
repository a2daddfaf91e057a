// Helpers for component authors working with columns whose raw type is only known at run time
// (pass-through columns, copies): the getter as an untyped Delegate, checked like GetGetter<T>.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Untyped access to a row's getters.</summary>
public static class DataViewRowExtensions
{
    /// <summary>The getter of <paramref name="column"/> as a Delegate (a ValueGetter of the column's raw type).</summary>
    public static Delegate GetGetterAsDelegate(this DataViewRow row, DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return GenericMethods.GetGetter(row, column);
    }
}
