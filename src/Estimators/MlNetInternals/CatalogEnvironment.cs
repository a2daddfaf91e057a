// The MLContext behind a catalog. ML.NET's catalogs carry their environment through an internal
// interface (IInternalCatalog), which is how its own add-on packages reach it from a catalog
// extension method; ours do the same, here.
using Microsoft.ML.Runtime;

namespace MlNetAttention.MlNetInternals;

internal static class CatalogEnvironment
{
    /// <summary>The host environment (the MLContext) of <paramref name="catalog"/>.</summary>
    public static IHostEnvironment Of(MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog)
    {
        MlNetCompatibility.EnsureCompatible();
        return ((IInternalCatalog)catalog).Environment;
    }
}
