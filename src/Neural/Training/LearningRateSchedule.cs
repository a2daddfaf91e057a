// Learning-rate schedules: linear warm-up, then linear or cosine decay to 0 at the last step. The
// linear one is exactly the PyTorch reference's LambdaLR factor
//   f(s) = min((s + 1) / warm, max(0, (total − s) / (total − warm))),  warm = max(1, ⌊total·ratio⌋)
// with s the 0-based index of the optimizer step (the reference uses ratio 0.05, i.e. steps // 20).
// Cosine: (s + 1)/warm during warm-up, then ½·(1 + cos(π·(s − warm)/(total − warm))).
namespace MlNetAttention.Neural.Training;

/// <summary>The learning rate of each optimizer step.</summary>
public abstract class LearningRateSchedule
{
    protected LearningRateSchedule(float baseRate, int totalSteps, double warmupRatio)
    {
        if (!(baseRate >= 0f && float.IsFinite(baseRate))) throw new ArgumentException($"baseRate must be finite and ≥ 0; got {baseRate}.", nameof(baseRate));
        if (totalSteps < 1) throw new ArgumentException($"totalSteps must be positive; got {totalSteps}.", nameof(totalSteps));
        if (!(warmupRatio >= 0 && warmupRatio < 1)) throw new ArgumentException($"warmupRatio must be in [0, 1); got {warmupRatio}.", nameof(warmupRatio));
        BaseRate = baseRate;
        TotalSteps = totalSteps;
        WarmupSteps = Math.Max(1, (int)Math.Floor(totalSteps * warmupRatio));
    }

    public float BaseRate { get; }
    public int TotalSteps { get; }

    /// <summary>Steps of linear warm-up (at least 1, as the reference's max(1, steps // 20)).</summary>
    public int WarmupSteps { get; }

    /// <summary>The learning rate of optimizer step <paramref name="step"/> (0-based).</summary>
    public float RateAt(int step)
    {
        if (step < 0) throw new ArgumentException($"step must be ≥ 0; got {step}.", nameof(step));
        return (float)(BaseRate * Factor(step));
    }

    /// <summary>The multiplier of the base rate at a 0-based step.</summary>
    protected abstract double Factor(int step);

    protected double WarmupFactor(int step) => (step + 1) / (double)WarmupSteps;

    /// <summary>Progress through the decay phase, 0 at its start, 1 at the last step, clamped.</summary>
    protected double DecayProgress(int step) =>
        TotalSteps == WarmupSteps ? 1.0 : Math.Clamp((step - WarmupSteps) / (double)(TotalSteps - WarmupSteps), 0.0, 1.0);
}

/// <summary>Linear warm-up then linear decay to 0 (the reference's LambdaLR).</summary>
public sealed class LinearWarmupLinearDecay(float baseRate, int totalSteps, double warmupRatio = 0.05)
    : LearningRateSchedule(baseRate, totalSteps, warmupRatio)
{
    protected override double Factor(int step)
    {
        double decay = TotalSteps == WarmupSteps ? 0.0 : Math.Max(0.0, (TotalSteps - step) / (double)(TotalSteps - WarmupSteps));
        return Math.Min(WarmupFactor(step), decay);
    }
}

/// <summary>Linear warm-up then half-cosine decay to 0.</summary>
public sealed class LinearWarmupCosineDecay(float baseRate, int totalSteps, double warmupRatio = 0.05)
    : LearningRateSchedule(baseRate, totalSteps, warmupRatio)
{
    protected override double Factor(int step) =>
        step < WarmupSteps ? WarmupFactor(step) : 0.5 * (1.0 + Math.Cos(Math.PI * DecayProgress(step)));
}
