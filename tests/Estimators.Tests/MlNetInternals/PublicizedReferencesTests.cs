// The build step that lets the library use ML.NET's internal members (src/Estimators/MlNetInternals):
// the compiler got publicized copies of Microsoft.ML.Core and Microsoft.ML.Data, the program runs on
// the real, signed assemblies, and the library declares IgnoresAccessChecksTo for exactly those two.
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using MlNetAttention.TestKit;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.MlNetInternals;

public sealed class PublicizedReferencesTests
{
    [Theory]
    [InlineData("Microsoft.ML.Core.dll", "ModelSaveContext", "SetVersionInfo")]
    [InlineData("Microsoft.ML.Data.dll", "IInternalCatalog", null)]
    public void The_compiler_saw_a_publicized_copy_where_ML_NET_keeps_the_member_internal(string file, string type, string? method)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string copy = Path.Combine(SharedData.RepositoryRoot, "src", "Estimators", "obj", configuration, "net10.0", "publicized", file);
        string real = Path.Combine(AppContext.BaseDirectory, file);

        Assert.True(IsPublic(copy, type, method), $"{type}.{method} is not public in the publicized copy {copy}.");
        Assert.False(IsPublic(real, type, method), $"{type}.{method} is public in the shipped {real}: that is not ML.NET's own assembly.");
    }

    [Fact]
    public void The_program_runs_on_the_real_signed_ML_NET()
    {
        var core = typeof(ModelSaveContext).Assembly.GetName();
        Assert.Equal("Microsoft.ML.Core", core.Name);
        Assert.Equal("cc7b13ffcd2ddd51", Convert.ToHexStringLower(core.GetPublicKeyToken()!)); // ML.NET's signing key
        Assert.False(typeof(ModelSaveContext).GetMethod("SetVersionInfo", BindingFlags.Instance | BindingFlags.NonPublic)!.IsPublic);
    }

    [Fact]
    public void The_library_ignores_access_checks_to_exactly_the_two_assemblies_it_was_compiled_against_publicized()
    {
        var declared = typeof(AttentionTextClassificationTrainer).Assembly.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "IgnoresAccessChecksToAttribute")
            .Select(a => (string)a.ConstructorArguments[0].Value!)
            .Order();

        Assert.Equal(["Microsoft.ML.Core", "Microsoft.ML.Data"], declared);
    }

    [Fact]
    public void Every_internal_member_used_exists_in_the_loaded_ML_NET_and_a_missing_one_is_named_with_the_versions()
    {
        Assert.Null(MlNetAttention.MlNetInternals.MlNetCompatibility.FindProblem([(typeof(ModelSaveContext), "SetVersionInfo")]));
        MlNetAttention.MlNetInternals.MlNetCompatibility.EnsureCompatible(); // the real list, against the ML.NET this test runs on

        string? problem = MlNetAttention.MlNetInternals.MlNetCompatibility.FindProblem([(typeof(ModelSaveContext), "SaveEverything")]);

        Assert.NotNull(problem);
        Assert.Contains("Microsoft.ML.ModelSaveContext.SaveEverything", problem);
        Assert.Contains("which Microsoft.ML.Core 6.0.0 does not have", problem); // the package version, not the assembly's 1.0.0.0
        Assert.Contains("Microsoft.ML 6.0.0", problem);
    }

    /// <summary>Whether method <paramref name="methodName"/> of the type (or, when null, the type itself) is public in the file.</summary>
    private static bool IsPublic(string path, string typeName, string? methodName)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var type = reader.TypeDefinitions.Select(reader.GetTypeDefinition).First(t => reader.GetString(t.Name) == typeName);
        if (methodName is null) return (type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public;
        return type.GetMethods().Select(reader.GetMethodDefinition)
            .Where(m => reader.GetString(m.Name) == methodName)
            .All(m => (m.Attributes & System.Reflection.MethodAttributes.MemberAccessMask) == System.Reflection.MethodAttributes.Public);
    }
}
