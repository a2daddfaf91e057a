// Fits the trainer and keeps what it reported: the progress reports, the MLContext log lines, the
// fitted transformer. With stopAfterSteps, training is cancelled from the progress callback after that
// many steps (the cheapest way to read the first losses of a configuration).
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Support;

public sealed class TrainingRun
{
    public required ProgressLog Progress { get; init; }
    public required List<string> Log { get; init; }
    public AttentionTextClassificationTransformer? Model { get; init; }

    public double[] StepLosses => Progress.Steps.Select(s => s.Loss).ToArray();

    public static TrainingRun Fit(AttentionTextClassificationTrainer.Options options, IDataView? data = null, int rows = 80,
        int? stopAfterSteps = null, int contextSeed = 1)
    {
        var context = new MLContext(seed: contextSeed);
        var log = new List<string>();
        context.Log += (_, e) => { if (e.Source.StartsWith("AttentionTextClassification", StringComparison.Ordinal)) log.Add(e.RawMessage); };
        using var cancellation = new CancellationTokenSource();
        var progress = new ProgressLog(r => { if (r.TotalSteps == stopAfterSteps && r.Kind == TrainingProgressKind.Step) cancellation.Cancel(); });
        var copy = options.Clone();
        copy.Progress = progress;
        copy.CancellationToken = cancellation.Token;
        var trainer = context.MulticlassClassification.Trainers.AttentionTextClassification(copy);
        data ??= TinyData.Keyed(context, rows);
        AttentionTextClassificationTransformer? model = null;
        try
        {
            model = trainer.Fit(data);
        }
        catch (OperationCanceledException) when (stopAfterSteps is not null)
        {
        }
        return new TrainingRun { Progress = progress, Log = log, Model = model };
    }
}
