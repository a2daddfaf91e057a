// How an experiment scores its trials, chosen as Microsoft.ML.AutoML 0.x/1.x chooses it for
// Execute(trainData) (MulticlassClassificationExperiment.Execute): fewer than 15,000 rows →
// 10-fold cross-validation; otherwise a seeded holdout of 10 % (TrainTestSplit's default).
// Execute(trainData, validationData) uses the given validation set. Stated in the result.
namespace MlNetAttention.AutoML;

/// <summary>The kind of validation an experiment used.</summary>
public enum ValidationKind
{
    /// <summary>k-fold cross-validation of the training data (small data).</summary>
    CrossValidation,

    /// <summary>A seeded random holdout of the training data (large data).</summary>
    Holdout,

    /// <summary>A validation set the caller passed.</summary>
    ValidationSet,
}

/// <summary>The validation an experiment used, with the numbers behind the choice.</summary>
public sealed record ValidationPlan(ValidationKind Kind, long TrainingRowCount, int Folds, double HoldoutFraction)
{
    /// <summary>AutoML's threshold: below this many training rows, cross-validate.</summary>
    public const int DefaultCrossValidationRowThreshold = 15_000;

    /// <summary>AutoML's fold count for small data.</summary>
    public const int DefaultCrossValidationFolds = 10;

    /// <summary>AutoML's holdout share for large data (TrainTestSplit's default).</summary>
    public const double DefaultHoldoutFraction = 0.1;

    /// <summary>The plan in one sentence, for the leaderboard and logs.</summary>
    public string Description => Kind switch
    {
        ValidationKind.CrossValidation =>
            $"{Folds}-fold cross-validation ({TrainingRowCount:N0} rows, below the threshold); rungs below the top train and score on fold 1, the top rung on all {Folds}",
        ValidationKind.Holdout =>
            $"holdout of {HoldoutFraction:P0} ({TrainingRowCount:N0} rows, at or above the threshold)",
        _ => $"the given validation set ({TrainingRowCount:N0} training rows)",
    };
}
