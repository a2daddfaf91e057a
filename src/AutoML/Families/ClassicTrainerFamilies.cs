// ML.NET's classic text-classification families, in the order an experiment tries their defaults
// (cheapest first). The neural family is added to MulticlassExperimentSettings.Trainers beside them.
namespace MlNetAttention.AutoML;

/// <summary>The classic families: FeaturizeText + SDCA / L-BFGS maximum entropy / one-versus-all / LightGBM.</summary>
public static class ClassicTrainerFamilies
{
    /// <summary>New instances of every classic family, cheapest first.</summary>
    public static IReadOnlyList<ITrialPipelineFactory> All() =>
        [new SdcaMaximumEntropyFamily(), new LbfgsMaximumEntropyFamily(), new OneVersusAllFamily(), new LightGbmFamily()];
}
