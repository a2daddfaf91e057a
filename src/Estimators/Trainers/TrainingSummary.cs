// What one Fit did and decided, kept by the transformer and saved with the model: the choices made
// from the data (sequence length, vocabulary, split), how training ended and how fast it ran. The CLI
// reports TrainingSeconds and TokensPerSecond from it; tests read it to check options were honoured.
namespace MlNetAttention.Trainers;

/// <summary>Why training stopped.</summary>
public enum TrainingStopReason
{
    /// <summary>Every planned epoch ran.</summary>
    MaxEpochs,

    /// <summary>EarlyStoppingPatience epochs passed without a better validation score.</summary>
    EarlyStopping,

    /// <summary>MaximumTrainingTimeInSeconds was reached.</summary>
    TimeLimit,
}

/// <summary>The outcome of one <c>AttentionTextClassificationTrainer.Fit</c>.</summary>
public sealed record TrainingSummary
{
    /// <summary>The seed actually used (Options.Seed, or the one drawn from the MLContext).</summary>
    public required int Seed { get; init; }

    /// <summary>Rows trained on.</summary>
    public required int TrainingRows { get; init; }

    /// <summary>Rows validated on (held out, or the ValidationSet); 0 when there was no validation.</summary>
    public required int ValidationRows { get; init; }

    /// <summary>Number of classes (the label key's count).</summary>
    public required int ClassCount { get; init; }

    /// <summary>Entries of the learned vocabulary, special tokens included.</summary>
    public required int VocabularySize { get; init; }

    /// <summary>Share of the training text's words that encode to [UNK] (0 means [UNK] never trains
    /// except through word dropout); with a pretrained encoder, the share of the encoded training tokens
    /// ([CLS] and [SEP] aside) that are [UNK], i.e. how well its fixed vocabulary covers the data.</summary>
    public required double UnknownTokenShare { get; init; }

    /// <summary>The longest model input in tokens ([CLS] and [SEP] included), chosen or given.</summary>
    public required int MaximumSequenceLength { get; init; }

    /// <summary>True when MaximumSequenceLength was chosen from the data rather than given.</summary>
    public required bool MaximumSequenceLengthWasAutomatic { get; init; }

    /// <summary>Longest n-gram bag view in tokens, chosen or given, when the bag reads more of each text
    /// than the encoder; 0 when the bag reads the encoder's input (or there is no bag).</summary>
    public int NgramMaximumLength { get; init; }

    /// <summary>Hash buckets of the n-gram bag, chosen or given; 0 when there is no bag, or it hashes nothing
    /// (tokens only, no subwords).</summary>
    public int NgramBuckets { get; init; }

    /// <summary>Learning-rate scale of the n-gram bag's table, chosen or given; 0 when there is no bag.</summary>
    public float NgramLearningRateScale { get; init; }

    /// <summary>Training rows cut to MaximumSequenceLength.</summary>
    public required int TruncatedTrainingRows { get; init; }

    /// <summary>Mean length of the training inputs in tokens, after cutting.</summary>
    public required double MeanSequenceLength { get; init; }

    /// <summary>Epochs planned (Options.MaxEpochs, or the automatic plan); the learning rate decays to 0 over them.</summary>
    public int PlannedEpochs { get; init; }

    /// <summary>True when PlannedEpochs was chosen from the data rather than given.</summary>
    public bool PlannedEpochsWereAutomatic { get; init; }

    /// <summary>The early-stopping patience used, given or chosen (0: never stop early).</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Epochs run to the end (a stopped epoch is not counted).</summary>
    public required int EpochsCompleted { get; init; }

    /// <summary>Optimizer steps taken.</summary>
    public required int Steps { get; init; }

    /// <summary>The epoch whose weights were kept (0 when training stopped before validating any).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Validation accuracy of the kept weights, null without validation.</summary>
    public double? BestValidationAccuracy { get; init; }

    /// <summary>Validation cross-entropy of the kept weights, null without validation.</summary>
    public double? BestValidationLoss { get; init; }

    /// <summary>Why training ended.</summary>
    public required TrainingStopReason StopReason { get; init; }

    /// <summary>Wall-clock seconds of the whole Fit (reading, vocabulary, encoding, training, validation).</summary>
    public required double TrainingSeconds { get; init; }

    /// <summary>Real training tokens per second of optimizer stepping (validation excluded).</summary>
    public required double TokensPerSecond { get; init; }
}
