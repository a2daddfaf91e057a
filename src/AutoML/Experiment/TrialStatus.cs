// How a trial ended.
namespace MlNetAttention.AutoML;

/// <summary>The outcome of one trial.</summary>
public enum TrialStatus
{
    /// <summary>Trained and scored.</summary>
    Completed,

    /// <summary>Threw (bad options, out of memory, …); the exception is in RunDetail.Exception.</summary>
    Failed,

    /// <summary>Stopped by the deadline or the caller's token before it finished; not scored.</summary>
    Cancelled,
}
