// Hyper-parameters of AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization").
// Defaults are torch.optim.AdamW's, with the reference's weight decay (0.01, its --wd).
namespace MlNetAttention.Neural.Training;

public sealed record AdamWOptions
{
    /// <summary>β1, decay of the first-moment estimate. Default 0.9 (torch).</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>β2, decay of the second-moment estimate. Default 0.999 (torch).</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>ε added to √v̂ in the denominator. Default 1e-8 (torch).</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>Decoupled weight decay λ: θ ← θ·(1 − lr·λ) before the Adam step. Applied to weight
    /// matrices, never to biases or layer-norm gains. Default 0.01 (torch's and the reference's).</summary>
    public float WeightDecay { get; init; } = 0.01f;

    /// <summary>Whether embedding tables (token and learned position) are decayed too. Default true,
    /// as nanoGPT and as the reference (which decays every tensor); the [PAD] row stays 0 either way.</summary>
    public bool DecayEmbeddings { get; init; } = true;

    /// <summary>Throws an ArgumentException naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(Beta1 >= 0f && Beta1 < 1f)) throw new ArgumentException($"Beta1 must be in [0, 1); got {Beta1}.", nameof(Beta1));
        if (!(Beta2 >= 0f && Beta2 < 1f)) throw new ArgumentException($"Beta2 must be in [0, 1); got {Beta2}.", nameof(Beta2));
        if (!(Epsilon > 0f && float.IsFinite(Epsilon))) throw new ArgumentException($"Epsilon must be positive; got {Epsilon}.", nameof(Epsilon));
        if (!(WeightDecay >= 0f && float.IsFinite(WeightDecay))) throw new ArgumentException($"WeightDecay must be ≥ 0; got {WeightDecay}.", nameof(WeightDecay));
    }
}
