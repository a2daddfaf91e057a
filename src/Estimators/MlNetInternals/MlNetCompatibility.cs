// The internal members of ML.NET this folder uses, checked once by reflection before the first use.
// They are not part of ML.NET's public contract, so another ML.NET version may rename or drop one; the
// runtime would then fail with a bare MissingMethodException deep in a save or load. Instead, the
// first use reports which member is missing, the ML.NET version loaded, and the one this library was
// built and tested against.
using System.Reflection;
using Microsoft.ML.Runtime;

namespace MlNetAttention.MlNetInternals;

internal static class MlNetCompatibility
{
    /// <summary>The ML.NET version this library is compiled and tested against.</summary>
    public const string TestedVersion = "6.0.0";

    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    // (type, member name) pairs: every internal member the folder calls.
    private static readonly (Type Type, string Member)[] Required =
    [
        (typeof(ModelSaveContext), nameof(ModelSaveContext.CheckAtModel)),
        (typeof(ModelSaveContext), nameof(ModelSaveContext.SetVersionInfo)),
        (typeof(ModelSaveContext), nameof(ModelSaveContext.SaveBinaryStream)),
        (typeof(ModelSaveContext), nameof(ModelSaveContext.InRepository)),
        (typeof(ModelLoadContext), nameof(ModelLoadContext.CheckAtModel)),
        (typeof(ModelLoadContext), nameof(ModelLoadContext.TryLoadBinaryStream)),
        (typeof(ModelLoadContext), nameof(ModelLoadContext.Repository)),
        (typeof(ModelLoadContext), nameof(ModelLoadContext.Directory)),
        (typeof(IInternalCatalog), nameof(IInternalCatalog.Environment)),
    ];

    private static readonly Lazy<string?> Problem = new(() => FindProblem(Required));

    /// <summary>Throws a clear error when the loaded ML.NET lacks a member this folder uses.</summary>
    public static void EnsureCompatible()
    {
        if (Problem.Value is { } problem) throw new InvalidOperationException(problem);
    }

    /// <summary>Null when every member exists, else the message naming the first missing one.</summary>
    internal static string? FindProblem(IEnumerable<(Type Type, string Member)> members)
    {
        foreach (var (type, member) in members)
        {
            if (type.GetMember(member, Any).Length > 0) continue;
            // ML.NET's assembly version stays 1.0.0.0 across releases; the informational version is the package's.
            string version = type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? type.Assembly.GetName().Version?.ToString() ?? "?";
            return $"MlNetAttention needs {type.FullName}.{member}, which {type.Assembly.GetName().Name} {version} does not have. " +
                   $"This library is built and tested against Microsoft.ML {TestedVersion}; reference that version.";
        }
        return null;
    }
}
