// Cancelling `train` (Ctrl+C in a terminal, a CancellationToken in-process) stops it between two
// training steps, returns 130 and leaves no file behind: no model, no metrics, no report, no temporary
// file. The last test sends a real SIGINT to a real `mlnet-attention` process.
using System.Diagnostics;
using MlNetAttention.Cli.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Commands;

public sealed class CancellationTests
{
    [Fact]
    public void Cancelling_during_training_returns_130_and_writes_nothing()
    {
        using var folder = new TempDirectory();
        string model = folder.File("m.zip"), metrics = folder.File("m.json"), report = folder.File("r.html");
        var clock = Stopwatch.StartNew();
        var result = CliRunner.RunCancellingOn("epoch 1/",
            Sample.TrainArgs(model, epochs: 500, "--test-dataset", Sample.Test, "--metrics-json", metrics, "--report", report));

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("epoch 1/500", result.Output);
        Assert.DoesNotContain("epoch 3/500", result.Output); // it stopped within a step or two of the request
        Assert.Contains("Cancelled; nothing was written.", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"cancellation took {clock.Elapsed}");
    }

    [Fact]
    public void A_token_cancelled_before_the_run_writes_nothing()
    {
        using var folder = new TempDirectory();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var train = CliRunner.Run(cancelled.Token, Sample.TrainArgs(folder.File("m.zip"), 1));
        Assert.Equal(130, train.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_real_process_with_exit_code_130_and_no_model()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // SIGINT is sent with kill(1)
        using var folder = new TempDirectory();
        string model = folder.File("m.zip");
        string cli = Path.Combine(AppContext.BaseDirectory, "mlnet-attention.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (string arg in Sample.TrainArgs(model, epochs: 500)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var sawEpoch = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("epoch 1/", StringComparison.Ordinal) == true) sawEpoch.TrySetResult();
        };
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await sawEpoch.Task.WaitAsync(TimeSpan.FromMinutes(2)); // TimeoutException: the first epoch never finished
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            using var stopped = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(stopped.Token); // OperationCanceledException: it did not stop after SIGINT
            Assert.Equal(130, process.ExitCode);
            Assert.Contains("Cancelled; nothing was written.", errors.ToString());
            Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }
}
