// How many epochs Fit runs when Options.MaxEpochs is left null: Defaults.MaxEpochs (10) passes for
// mid-size data, more for small data, fewer for large data, decided from two measurable properties of
// the training rows (their count and their encoded tokens) before training starts, then logged and
// saved (TrainingSummary.PlannedEpochs). The learning rate decays to 0 over the planned epochs.
//   small data: at least AutomaticEpochsMinimumSteps optimizer steps in all (at most
//               AutomaticEpochsMaximum epochs): 432 rows give 14 steps an epoch, and 10 epochs of 14
//               steps leave a model from scratch far from converged (measured on datasets/sample, seeds
//               1–3, bench/tuning-log.md: 69–76 % test accuracy after 10 epochs of the first recipe,
//               84–85 % after 40 with the n-gram bag; the current recipe's 37 planned epochs give 80–89 % over seeds 1–6);
//   large data: at most AutomaticEpochsTokenBudget encoder tokens in all (at least one epoch), which
//               bounds the training time: ~15 M tokens train in ~5 minutes on 2 cores at the ~50 k
//               tokens/s the engine reaches at the default size (imdb: 3 epochs of 4.7 M tokens).
using static MlNetAttention.Trainers.AttentionTextClassificationTrainer;

namespace MlNetAttention.Trainers;

internal static class EpochPlan
{
    /// <summary>The automatic number of epochs for <paramref name="rows"/> training rows holding
    /// <paramref name="tokens"/> encoder tokens in all, in batches of <paramref name="batchSize"/>.</summary>
    public static int Automatic(int rows, long tokens, int batchSize)
    {
        if (rows <= 0) return Defaults.MaxEpochs;
        int stepsPerEpoch = (rows + batchSize - 1) / batchSize;
        int epochs = Defaults.MaxEpochs;
        int forSteps = (Defaults.AutomaticEpochsMinimumSteps + stepsPerEpoch - 1) / stepsPerEpoch;
        if (forSteps > epochs) epochs = Math.Min(forSteps, Defaults.AutomaticEpochsMaximum);
        long withinBudget = tokens <= 0 ? epochs : Defaults.AutomaticEpochsTokenBudget / tokens;
        if (withinBudget < epochs) epochs = (int)Math.Max(1, withinBudget);
        return epochs;
    }

    /// <summary>The automatic learning-rate scale of the n-gram bag's table for <paramref name="epochs"/>
    /// planned epochs: Defaults.MaxEpochs / epochs within [1, AutomaticNgramLearningRateScaleMaximum].</summary>
    public static float AutomaticNgramLearningRateScale(int epochs) =>
        Math.Clamp((float)Defaults.MaxEpochs / Math.Max(1, epochs), 1f, Defaults.AutomaticNgramLearningRateScaleMaximum);

    /// <summary>The automatic early-stopping patience for <paramref name="epochs"/> planned epochs.</summary>
    public static int AutomaticPatience(int epochs) =>
        Math.Max(Defaults.EarlyStoppingPatience, (int)Math.Ceiling(Defaults.AutomaticPatienceShareOfEpochs * epochs));
}
