// The trainer's messages, sent the way ML.NET's own components send theirs: through a channel of a
// host registered on the MLContext, so they reach MLContext.Log (with this component's name as the
// source) and any other listener ML.NET supports. Info for the choices made from the data and the
// progress summaries, Warning for what the user should look at.
using Microsoft.ML.Runtime;

namespace MlNetAttention.Trainers;

internal sealed class TrainerLog : IDisposable
{
    private readonly IChannel _channel;

    public TrainerLog(IHost host) => _channel = host.Start(InputColumns.Component);

    public void Info(string message) => _channel.Info(MessageSensitivity.None, message);

    public void Warning(string message) => _channel.Warning(MessageSensitivity.None, message);

    public void Dispose() => _channel.Dispose();
}
