// The SchemaShape of a real schema, as ML.NET's own tests take it. ML.NET keeps SchemaShape.Create
// internal (a user only meets shapes through IEstimator.GetOutputSchema); the tests call it by
// reflection so that the library's single way into ML.NET's internals stays in src/Estimators.
using System.Reflection;
using Microsoft.ML;

namespace MlNetAttention.TestKit;

/// <summary>SchemaShape from DataViewSchema.</summary>
public static class SchemaShapes
{
    private static readonly MethodInfo Create =
        typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic, [typeof(DataViewSchema)])
        ?? throw new MissingMethodException("SchemaShape.Create(DataViewSchema) not found in this Microsoft.ML.");

    /// <summary>The shape of <paramref name="schema"/> (what estimators check their input against).</summary>
    public static SchemaShape Of(DataViewSchema schema) => (SchemaShape)Create.Invoke(null, [schema])!;
}
