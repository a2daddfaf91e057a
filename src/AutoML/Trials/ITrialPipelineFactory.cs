// The seam between the experiment and a trainer family. A family says what it can tune (a search
// space and a known-good default), what a smaller budget cuts (rows or epochs), roughly how costly it
// is, and builds the ML.NET pipeline for one configuration. ML.NET's classic text pipelines are
// families in Families/; the neural trainer becomes one by a small class in src/Estimators.
using Microsoft.ML;

namespace MlNetAttention.AutoML;

/// <summary>A trainer family the experiment can search: its space and how to build one candidate.</summary>
public interface ITrialPipelineFactory
{
    /// <summary>The family's name, shown as <see cref="RunDetail{TMetrics}.TrainerName"/> (e.g. "SdcaMaximumEntropy").</summary>
    string TrainerName { get; }

    /// <summary>The hyper-parameters the tuner may vary.</summary>
    SearchSpace SearchSpace { get; }

    /// <summary>A known-good configuration inside <see cref="SearchSpace"/>, tried before any sampled one.</summary>
    ParameterSet DefaultParameters { get; }

    /// <summary>What a budget below 1 cuts: training rows (the experiment samples them) or epochs (the family maps
    /// <see cref="TrialBudget.Fraction"/> to its epochs).</summary>
    TrialBudgetResource BudgetResource { get; }

    /// <summary>Rough time of the default configuration relative to FeaturizeText + SdcaMaximumEntropy (1.0);
    /// orders the first trials (cheap families first) until measured times replace it.</summary>
    double RelativeCost { get; }

    /// <summary>Builds the candidate for <paramref name="parameters"/> at <paramref name="budget"/>: a featurizer
    /// reading <see cref="TrialContext.TextColumnName"/> and a trainer that reads the key label
    /// <see cref="TrialContext.LabelColumnName"/> and writes Score and PredictedLabel (a key). The experiment
    /// adds MapValueToKey before and MapKeyToValue after. Use <see cref="TrialContext.MLContext"/> for every
    /// component and pass <see cref="TrialContext.Seed"/>, <see cref="TrialContext.NumberOfThreads"/> and, where
    /// the trainer takes them, <see cref="TrialContext.CancellationToken"/> and <see cref="TrialContext.TimeLimitSeconds"/>.
    /// Invalid parameters may throw: the trial is recorded as failed and the experiment goes on.</summary>
    TrialPipeline Build(TrialContext context, ParameterSet parameters, TrialBudget budget);
}
