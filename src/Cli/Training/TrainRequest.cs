// What `train` was asked to do, after parsing: paths, columns, seed, outputs, and the trainer options
// built from the flags (unset flags keep the trainer's defaults).
using TrainerOptions = MlNetAttention.Trainers.AttentionTextClassificationTrainer.Options;

namespace MlNetAttention.Cli.Training;

internal sealed record TrainRequest(
    string Dataset,
    string? TestDataset,
    string LabelColumn,
    string? TextColumn,
    int Seed,
    string Output,
    string? MetricsJson,
    string? Report,
    int TopK,
    TrainerOptions TrainerOptions);
