// The one use of ML.NET internals in this project: MLContext.CancelExecution() is internal in
// Microsoft.ML 6.0.0 ([BestFriend]), yet ML.NET's own trainers poll the flag it sets (SDCA, L-BFGS,
// LightGBM between iterations). Calling it by reflection is what lets a trial whose trainer reads from
// its own cache (TrainerEstimatorBase caches when a trainer wants it, so CancellableDataView no longer
// sees the reads) stop mid-fit. A cancelled MLContext stays cancelled, hence one context per trial.
// If a future ML.NET drops the method, IsAvailable is false and a test says so by name.
using System.Reflection;
using Microsoft.ML;

namespace MlNetAttention.AutoML;

/// <summary>Asks an <see cref="MLContext"/>'s running operations to stop (ML.NET's internal cancel flag).</summary>
internal static class MlContextCancellation
{
    private static readonly MethodInfo? CancelExecutionMethod = typeof(MLContext).GetMethod(
        "CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, Type.EmptyTypes);

    /// <summary>Whether this Microsoft.ML has MLContext.CancelExecution() (verified with 6.0.0).</summary>
    public static bool IsAvailable => CancelExecutionMethod is not null;

    /// <summary>Sets the context's cancel flag; returns false when this ML.NET has no such method.</summary>
    public static bool TryCancel(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        if (CancelExecutionMethod is null)
            return false;
        CancelExecutionMethod.Invoke(mlContext, null);
        return true;
    }
}
