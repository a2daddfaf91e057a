// A synchronous IProgress that records every training report and can run an action on each (e.g.
// cancel training). Progress<T> would post reports to the thread pool; tests need them in order and
// on the training thread.
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Support;

public sealed class ProgressLog(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public IEnumerable<TrainingProgress> Steps => Reports.Where(r => r.Kind == TrainingProgressKind.Step);

    public IEnumerable<TrainingProgress> Epochs => Reports.Where(r => r.Kind == TrainingProgressKind.Epoch);

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
