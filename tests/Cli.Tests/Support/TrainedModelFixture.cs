// One tiny model trained on the sample once for every test in the "trained model" collection:
// `train --test-dataset --metrics-json --report`, kept in a temporary folder with its outputs.
using System.Text.Json;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Support;

public sealed class TrainedModelFixture : IDisposable
{
    private readonly TempDirectory _folder = new();

    public TrainedModelFixture()
    {
        ModelPath = _folder.File("model.zip");
        MetricsPath = _folder.File("metrics.json");
        ReportPath = _folder.File("report.html");
        Training = CliRunner.Run(Sample.TrainArgs(ModelPath, epochs: 2,
            "--test-dataset", Sample.Test, "--metrics-json", MetricsPath, "--report", ReportPath, "--top-k", "2"));
        if (Training.ExitCode == 0) Metrics = JsonDocument.Parse(File.ReadAllText(MetricsPath));
    }

    /// <summary>What `train` printed and returned.</summary>
    public CliResult Training { get; }

    public string Folder => _folder.Path;
    public string ModelPath { get; }
    public string MetricsPath { get; }
    public string ReportPath { get; }

    /// <summary>The metrics JSON `train` wrote (null if training failed; the first test then reports why).</summary>
    public JsonDocument? Metrics { get; }

    /// <summary>A fresh path in a folder of its own, for a test's outputs.</summary>
    public string NewPath(string name)
    {
        string folder = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public void Dispose()
    {
        Metrics?.Dispose();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TrainedModelCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "trained model";
}
