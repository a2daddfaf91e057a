// Cancellation: a token cancelled from inside the progress callback stops Fit before its next step
// with an OperationCanceledException, within a second, and nothing is produced (the model file the
// caller would have written does not exist). A token cancelled before Fit stops it before any work.
using System.Diagnostics;
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.TestKit;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class CancellationTests
{
    [Fact]
    public void Cancelling_from_the_progress_callback_stops_within_a_second_and_writes_nothing()
    {
        var context = new MLContext(seed: 1);
        var data = TinyData.Keyed(context, 400);
        using var cancellation = new CancellationTokenSource();
        var sinceCancel = new Stopwatch();
        var progress = new ProgressLog(report =>
        {
            if (report.TotalSteps != 3) return;
            cancellation.Cancel();
            sinceCancel.Start();
        });
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 50;
        options.Progress = progress;
        options.CancellationToken = cancellation.Token;
        using var folder = new TempDirectory();
        string path = folder.File("model.zip");

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            var model = context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(data);
            context.Model.Save(model, data.Schema, path);
        });

        sinceCancel.Stop();
        Assert.True(sinceCancel.Elapsed < TimeSpan.FromSeconds(1), $"Fit took {sinceCancel.Elapsed} to stop after Cancel.");
        Assert.Equal(3, progress.Steps.Count()); // no step ran after the cancelling report
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_token_cancelled_before_fit_stops_it_before_reading_data()
    {
        var context = new MLContext(seed: 1);
        var progress = new ProgressLog();
        var options = TinyData.TinyOptions();
        options.Progress = progress;
        options.CancellationToken = new CancellationToken(canceled: true);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(TinyData.Keyed(context, 40)));
        Assert.Empty(progress.Reports);
    }
}
