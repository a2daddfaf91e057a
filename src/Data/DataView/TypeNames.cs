// Readable .NET type names for error messages: "VBuffer<Single>" rather than "VBuffer`1".
namespace MlNetAttention.Data;

internal static class TypeNames
{
    public static string Friendly(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        string name = type.Name;
        int tick = name.IndexOf('`');
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(Friendly))}>";
    }
}
