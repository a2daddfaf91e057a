// Sets libtorch's OpenMP environment before libtorch first loads. libgomp reads OMP_WAIT_POLICY from
// the NATIVE environment once, when it initialises; .NET's Environment.SetEnvironmentVariable changes
// only the managed copy on Unix, so the value is written with libc's setenv as well. PASSIVE makes
// idle OpenMP threads sleep instead of spinning: on a busy 2-core machine, spinning made libtorch
// slower with 2 threads than with 1 (issue 13), which would flatter our engine.
using System.Runtime.InteropServices;

namespace MlNetAttention.Bench;

internal static partial class OpenMpEnvironment
{
    /// <summary>Sets OMP_WAIT_POLICY=PASSIVE unless the caller's environment already chose a policy.</summary>
    public static string EnsurePassiveWait()
    {
        string policy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE";
        Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", policy);
        if (!OperatingSystem.IsWindows()) _ = setenv("OMP_WAIT_POLICY", policy, 1);
        return policy;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
