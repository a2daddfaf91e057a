// The argument of MLContext.Log, as in ML.NET: the formatted message plus its parts, so a listener
// can filter by Kind or Source (e.g. show only the trainer's progress).
using MlNetAttention.Runtime;

namespace MlNetAttention;

/// <summary>One log line from a component.</summary>
public sealed class LoggingEventArgs : EventArgs
{
    /// <summary>"[Source=..., Kind=...] message".</summary>
    public string Message { get; }

    /// <summary>The message without the source and kind.</summary>
    public string RawMessage { get; }

    public ChannelMessageKind Kind { get; }

    /// <summary>The component that wrote the message (e.g. "TextLoader").</summary>
    public string Source { get; }

    public LoggingEventArgs(string source, ChannelMessageKind kind, string rawMessage)
    {
        Source = source;
        Kind = kind;
        RawMessage = rawMessage;
        Message = $"[Source={source}, Kind={kind}] {rawMessage}";
    }

    public override string ToString() => Message;
}
