// Gradient buffers that the backward pass needs only transiently, shared by all encoder blocks (a
// block's backward finishes before the previous block's starts), so their memory does not grow with
// the number of layers. Sized once for a (rows, Σ L²) capacity.
namespace MlNetAttention.Neural.Layers;

internal sealed class BackwardScratch
{
    private readonly int C, F, NH;

    public BackwardScratch(int channels, int feedForward, int heads)
    {
        C = channels;
        F = feedForward;
        NH = heads;
    }

    /// <summary>(N, C): gradient of the attention context, heads side by side.</summary>
    public float[] Context { get; private set; } = [];

    /// <summary>(N, 3C): gradient of the packed Q, K, V.</summary>
    public float[] Qkv { get; private set; } = [];

    /// <summary>Σ_b NH·L_b²: gradient of the attention probabilities, one (L, L) block per (b, h).</summary>
    public float[] Probs { get; private set; } = [];

    /// <summary>(N, F): gradient of the feed-forward hidden layer.</summary>
    public float[] Hidden { get; private set; } = [];

    /// <summary>(N, C): gradient of a layer norm's output.</summary>
    public float[] Norm { get; private set; } = [];

    /// <summary>(N, C): gradient of a residual branch after its dropout mask.</summary>
    public float[] Branch { get; private set; } = [];

    public void EnsureCapacity(int rows, long squares)
    {
        if (Context.Length < rows * C)
        {
            Context = new float[rows * C];
            Qkv = new float[rows * 3 * C];
            Hidden = new float[rows * F];
            Norm = new float[rows * C];
            Branch = new float[rows * C];
        }
        if (Probs.Length < squares * NH) Probs = new float[checked((int)(squares * NH))];
    }
}
