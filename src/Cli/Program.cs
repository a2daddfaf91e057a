// Entry point of the `mlnet-attention` process: wires the console and the process signals to
// CliApplication. The first Ctrl+C (SIGINT) or a SIGTERM cancels the running command, which stops
// between two training steps (or two rows), deletes what it had started writing and exits with 130;
// a second Ctrl+C ends the process at once.
using System.Runtime.InteropServices;
using MlNetAttention.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested) return; // second Ctrl+C: let the runtime end the process
    e.Cancel = true;
    Console.Error.WriteLine("Cancelling (press Ctrl+C again to stop at once)...");
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

bool live = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
return CliApplication.Run(args, new CliEnvironment(Console.Out, Console.Error, cancellation.Token, live));
