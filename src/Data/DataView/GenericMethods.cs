// Calls a generic method for a type known only at run time (a column's raw type). Its exceptions are
// not wrapped in a TargetInvocationException (DoNotWrapExceptions), so callers see the real error.
// Used to make typed getters and buffers.
using System.Reflection;

namespace MlNetAttention.Data;

internal static class GenericMethods
{
    /// <summary>Invokes the static method <paramref name="name"/> of <paramref name="owner"/> made generic over <paramref name="typeArguments"/>.</summary>
    public static object? InvokeStatic(Type owner, string name, Type[] typeArguments, params object?[] args)
    {
        var method = owner.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(owner.Name, name);
        return method.MakeGenericMethod(typeArguments).Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, null);
    }

    /// <summary>A delegate for the static generic method <paramref name="name"/> of <paramref name="owner"/>.</summary>
    public static TDelegate CreateDelegate<TDelegate>(Type owner, string name, params Type[] typeArguments)
        where TDelegate : Delegate
    {
        var method = owner.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(owner.Name, name);
        return method.MakeGenericMethod(typeArguments).CreateDelegate<TDelegate>();
    }

    /// <summary>The getter of <paramref name="column"/> on <paramref name="row"/> as a Delegate of its raw type.</summary>
    public static Delegate GetGetter(DataViewRow row, DataViewSchema.Column column) =>
        (Delegate)InvokeStatic(typeof(GenericMethods), nameof(GetGetterCore), [column.Type.RawType], row, column)!;

    private static Delegate GetGetterCore<T>(DataViewRow row, DataViewSchema.Column column) => row.GetGetter<T>(column);
}
