// Finds the loader of a saved stage from the type name in the manifest. For safety a model file
// may only name types from assemblies called "MlNetAttention.*" that implement ITransformer and
// have a public static Load(ModelLoadContext) factory; anything else is refused with a
// FormatException, so a crafted file cannot make Load instantiate arbitrary types. The assembly is
// loaded by name, so the caller need not have referenced it (e.g. a CLI loading a trainer's model).
using System.Reflection;

namespace MlNetAttention.Data;

internal static class StageTypeResolver
{
    /// <summary>"Namespace.Type, Assembly": what the manifest records for <paramref name="type"/>.</summary>
    public static string NameOf(Type type)
    {
        if (type.IsGenericType)
            throw new InvalidOperationException($"Generic type {type} cannot be a model stage; save its parts instead.");
        string assembly = type.Assembly.GetName().Name!;
        if (!assembly.StartsWith(ModelFormat.AllowedAssemblyPrefix, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"Stage type {type.FullName} lives in assembly '{assembly}'; only assemblies named " +
                $"'{ModelFormat.AllowedAssemblyPrefix}*' can be loaded back, so it cannot be saved.");
        return $"{type.FullName}, {assembly}";
    }

    /// <summary>The static Load factory of the stage type named <paramref name="typeName"/>.</summary>
    public static Func<ModelLoadContext, ITransformer> ResolveLoader(string typeName, string source)
    {
        int comma = typeName.LastIndexOf(',');
        if (comma <= 0 || comma == typeName.Length - 1)
            throw Refused(source, typeName, "it is not of the form 'Namespace.Type, Assembly'");
        string fullName = typeName[..comma].Trim();
        string assemblyName = typeName[(comma + 1)..].Trim();
        if (!assemblyName.StartsWith(ModelFormat.AllowedAssemblyPrefix, StringComparison.Ordinal))
            throw Refused(source, typeName, $"only types from assemblies named '{ModelFormat.AllowedAssemblyPrefix}*' may be loaded");

        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            throw Refused(source, typeName, $"assembly '{assemblyName}' cannot be loaded ({e.Message})");
        }
        var type = assembly.GetType(fullName, throwOnError: false)
            ?? throw Refused(source, typeName, $"assembly '{assemblyName}' has no type '{fullName}'");
        if (!typeof(ITransformer).IsAssignableFrom(type) || type.IsAbstract || type.IsGenericTypeDefinition)
            throw Refused(source, typeName, "it is not a concrete ITransformer");
        var load = type.GetMethod("Load", BindingFlags.Public | BindingFlags.Static, [typeof(ModelLoadContext)]);
        if (load is null || !typeof(ITransformer).IsAssignableFrom(load.ReturnType))
            throw Refused(source, typeName, "it has no public static Load(ModelLoadContext) returning an ITransformer");

        return context =>
            (ITransformer?)load.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [context], null)
            ?? throw new InvalidDataException($"Model file '{source}': {fullName}.Load returned null.");
    }

    private static FormatException Refused(string source, string typeName, string why) =>
        new($"Model file '{source}': stage type '{typeName}' is refused: {why}.");
}
