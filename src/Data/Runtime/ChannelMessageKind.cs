// The severity of a log message, as ML.NET's Microsoft.ML.Runtime.ChannelMessageKind.
namespace MlNetAttention.Runtime;

/// <summary>How important a log message is.</summary>
public enum ChannelMessageKind
{
    Trace = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}
