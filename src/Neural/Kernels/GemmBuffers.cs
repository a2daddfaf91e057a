// Per-thread packing buffers for the blocked GEMM, allocated once per thread and reused by every
// call on that thread, so GEMM does not allocate in steady state. They are pinned arrays (pinned
// object heap) rather than native memory so that they are freed with their thread; the pointers are
// aligned to 64 bytes by hand (one cache line, one zmm), which the POH does not guarantee.
using System.Runtime.CompilerServices;

namespace MlNetAttention.Neural.Kernels;

internal sealed unsafe class GemmBuffers
{
    [ThreadStatic] private static GemmBuffers? t_current;

    private const int AlignFloats = 16; // 64 bytes

    // Kept referenced so that the pinned arrays stay alive as long as the pointers are used.
    private readonly float[] _storage;

    /// <summary>Packed block of op(B): KC × NC, in NR-wide panels.</summary>
    public readonly float* PackedB;

    /// <summary>Packed MC × KC block of op(A), in MR-row panels.</summary>
    public readonly float* PackedA;

    /// <summary>MR × NR scratch tile for edge tiles of C.</summary>
    public readonly float* EdgeTile;

    private GemmBuffers()
    {
        int bFloats = GemmBlock.KC * GemmBlock.NC;
        int aFloats = GemmBlock.MC * GemmBlock.KC;
        int tileFloats = GemmBlock.MaxMR * GemmBlock.MaxNR;
        _storage = GC.AllocateUninitializedArray<float>(bFloats + aFloats + tileFloats + 3 * AlignFloats, pinned: true);
        float* p = (float*)Unsafe.AsPointer(ref _storage[0]);
        PackedB = Align(p);
        PackedA = Align(PackedB + bFloats);
        EdgeTile = Align(PackedA + aFloats);
    }

    /// <summary>The calling thread's buffers, created on first use.</summary>
    public static GemmBuffers ForCurrentThread() => t_current ??= new GemmBuffers();

    private static float* Align(float* p) => (float*)(((nuint)p + 63) & ~(nuint)63);
}
