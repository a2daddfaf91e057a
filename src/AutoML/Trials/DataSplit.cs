// One train/validation pair of an experiment: a fold of cross-validation, the holdout split, or the
// caller's training and validation sets.
using Microsoft.ML;

namespace MlNetAttention.AutoML;

internal sealed record DataSplit(IDataView Train, IDataView Validation);
