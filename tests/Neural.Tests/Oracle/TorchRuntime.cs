// The one way tests reach libtorch (TorchSharp): sets OpenMP's environment before libtorch first
// loads, and fixes its thread count, so oracle tests are repeatable and do not fight the engine's
// own tests for the cores.
//
// Why setenv: libgomp reads OMP_WAIT_POLICY from the native environment once, when it initialises.
// .NET's Environment.SetEnvironmentVariable changes only the managed copy on Unix, so the value is
// written with libc's setenv as well. PASSIVE makes idle OpenMP threads sleep instead of spinning,
// which on a busy 2-core machine otherwise steals the cores from everyone (issue 13).
// One libtorch thread: the oracle's numbers then do not depend on how reductions are split.
using System.Runtime.InteropServices;
using TorchSharp;

namespace MlNetAttention.Neural.Tests.Oracle;

internal static partial class TorchRuntime
{
    private static readonly Lazy<bool> Initialised = new(() =>
    {
        SetNative("OMP_WAIT_POLICY", "PASSIVE");
        SetNative("OMP_NUM_THREADS", "1");
        SetNative("MKL_NUM_THREADS", "1");
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Makes sure libtorch is loaded with the settings above; call before any torch use.</summary>
    public static void EnsureInitialised() => _ = Initialised.Value;

    private static void SetNative(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows() && setenv(name, value, 1) != 0)
            throw new InvalidOperationException($"setenv({name}) failed.");
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
