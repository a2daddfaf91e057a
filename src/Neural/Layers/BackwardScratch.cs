// Gradient buffers that the backward pass needs only transiently, shared by all encoder blocks (a
// block's backward finishes before the previous block's starts), so their memory does not grow with
// the number of layers. Sized once for a (rows, Σ L²) capacity.
namespace MlNetAttention.Neural.Layers;

internal sealed class BackwardScratch
{
    private readonly int C, F, NH;
    private float[] _context = [], _qkv = [], _probs = [], _hidden = [], _norm = [], _branch = [];

    public BackwardScratch(int channels, int feedForward, int heads)
    {
        C = channels;
        F = feedForward;
        NH = heads;
    }

    /// <summary>(N, C): gradient of the attention context, heads side by side.</summary>
    public float[] Context => _context;

    /// <summary>(N, 3C): gradient of the packed Q, K, V.</summary>
    public float[] Qkv => _qkv;

    /// <summary>Σ_b NH·L_b²: gradient of the attention probabilities, one (L, L) block per (b, h).</summary>
    public float[] Probs => _probs;

    /// <summary>(N, F): gradient of the feed-forward hidden layer.</summary>
    public float[] Hidden => _hidden;

    /// <summary>(N, C): gradient of a layer norm's output.</summary>
    public float[] Norm => _norm;

    /// <summary>(N, C): gradient of a residual branch after its dropout mask.</summary>
    public float[] Branch => _branch;

    public void EnsureCapacity(int rows, long squares)
    {
        Capacity.Ensure(ref _context, (long)rows * C);
        Capacity.Ensure(ref _qkv, (long)rows * 3 * C);
        Capacity.Ensure(ref _hidden, (long)rows * F);
        Capacity.Ensure(ref _norm, (long)rows * C);
        Capacity.Ensure(ref _branch, (long)rows * C);
        Capacity.Ensure(ref _probs, squares * NH);
    }
}
