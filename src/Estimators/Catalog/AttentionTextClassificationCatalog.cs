// mlContext.MulticlassClassification.Trainers.AttentionTextClassification(...), in the two overloads
// ML.NET's TorchSharpCatalog.TextClassification has: the common arguments with ML.NET's names and
// defaults, and an Options object for everything else. Extension methods in namespace Microsoft.ML,
// as ML.NET's add-on packages declare theirs, so `using Microsoft.ML;` is enough to see them.
using MlNetAttention.MlNetInternals;
using MlNetAttention.Trainers;

namespace Microsoft.ML;

/// <summary>The attention text classifier's entry points on the multiclass catalog.</summary>
public static class AttentionTextClassificationCatalog
{
    /// <summary>A Transformer-encoder text classifier with self-attention pooling, trained on the CPU.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The label column, a key (MapValueToKey first).</param>
    /// <param name="scoreColumnName">The output column of class probabilities.</param>
    /// <param name="outputColumnName">The output column of the predicted label (a key).</param>
    /// <param name="sentence1ColumnName">The text column.</param>
    /// <param name="sentence2ColumnName">A second text column for sentence-pair tasks, or null.</param>
    /// <param name="batchSize">Texts per optimizer step.</param>
    /// <param name="maxEpochs">Most passes over the training data; null plans them from the data size
    /// (see <see cref="AttentionTextClassificationTrainer.Options.MaxEpochs"/>).</param>
    /// <param name="validationSet">Data to pick the best epoch on; null holds out 10 % of the training rows.</param>
    public static AttentionTextClassificationTrainer AttentionTextClassification(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = AttentionTextClassificationTrainer.Defaults.LabelColumnName,
        string scoreColumnName = AttentionTextClassificationTrainer.Defaults.ScoreColumnName,
        string outputColumnName = AttentionTextClassificationTrainer.Defaults.OutputColumnName,
        string sentence1ColumnName = AttentionTextClassificationTrainer.Defaults.Sentence1ColumnName,
        string? sentence2ColumnName = null,
        int batchSize = AttentionTextClassificationTrainer.Defaults.BatchSize,
        int? maxEpochs = null,
        IDataView? validationSet = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AttentionTextClassificationTrainer(CatalogEnvironment.Of(catalog), new AttentionTextClassificationTrainer.Options
        {
            LabelColumnName = labelColumnName,
            ScoreColumnName = scoreColumnName,
            OutputColumnName = outputColumnName,
            Sentence1ColumnName = sentence1ColumnName,
            Sentence2ColumnName = sentence2ColumnName,
            BatchSize = batchSize,
            MaxEpochs = maxEpochs,
            ValidationSet = validationSet,
        });
    }

    /// <summary>The attention text classifier with every option given.</summary>
    public static AttentionTextClassificationTrainer AttentionTextClassification(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        AttentionTextClassificationTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new AttentionTextClassificationTrainer(CatalogEnvironment.Of(catalog), options);
    }
}
