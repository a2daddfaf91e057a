// Usage: dotnet run -c Release -- TRAIN.csv TEST.csv SECONDS [OUTPUT_PREFIX]
//        dotnet run -c Release -- TRAIN.csv TEST.csv baseline   (FeaturizeText + SdcaMaximumEntropy defaults, for comparison)
// Runs mlContext.Auto() with the classic families on TRAIN (header label,text), prints the leaderboard,
// scores the best model on TEST, and writes PREFIX.json (leaderboard), PREFIX.svg (plot), PREFIX.zip (model).
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.AutoML;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: AutoMLExperiment TRAIN.csv TEST.csv SECONDS [OUTPUT_PREFIX]");
    return 2;
}
string prefix = args.Length > 3 ? args[3] : "automl";
var mlContext = new MLContext(seed: 0);
TextLoader.Column[] columns = [new("Label", DataKind.String, 0), new("Text", DataKind.String, 1)];
IDataView Load(string path) => mlContext.Data.LoadFromTextFile(path, columns, separatorChar: ',', hasHeader: true, allowQuoting: true);

if (args[2] == "baseline")
{
    var watch = Stopwatch.StartNew();
    var baseline = mlContext.Transforms.Conversion.MapValueToKey("Label")
        .Append(mlContext.Transforms.Text.FeaturizeText("Features", "Text"))
        .AppendCacheCheckpoint(mlContext)
        .Append(mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy())
        .Fit(Load(args[0]));
    var baselineMetrics = mlContext.MulticlassClassification.Evaluate(baseline.Transform(Load(args[1])));
    Console.WriteLine($"baseline FeaturizeText + SdcaMaximumEntropy: test micro-accuracy {baselineMetrics.MicroAccuracy:0.0000}, {watch.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

var settings = new MulticlassExperimentSettings { MaxExperimentTimeInSeconds = uint.Parse(args[2]) };
var clock = Stopwatch.StartNew();
var result = mlContext.Auto().CreateMulticlassClassificationExperiment(settings).Execute(Load(args[0]), "Label", "Text",
    new Progress<RunDetail<MulticlassClassificationMetrics>>(run => Console.WriteLine(
        $"  trial {run.TrialId,3} {run.TrainerName,-20} r{run.Budget.Rung} {run.Status,-9} {run.MetricValue:0.0000} {run.RuntimeInSeconds,6:0.0}s {run.Parameters}")));
double searchSeconds = clock.Elapsed.TotalSeconds;

var leaderboard = Leaderboard.From(result);
if (Console.IsOutputRedirected)
    Spectre.Console.AnsiConsole.Profile.Width = 220; // a log file has no width; do not wrap the table at 80
LeaderboardTableRenderer.Write(leaderboard, maximumRows: 15);
LeaderboardJsonWriter.Write(leaderboard, prefix + ".json");
File.WriteAllText(prefix + ".svg", SearchPlotSvg.Render(leaderboard));
if (result.BestRun?.Model is ITransformer model)
{
    var test = Load(args[1]);
    var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test), "Label");
    mlContext.Model.Save(model, test.Schema, prefix + ".zip");
    Console.WriteLine($"best {result.BestRun.TrainerName} (trial {result.BestRun.TrialId}, rung {result.BestRun.Budget.Rung}): " +
        $"validation {result.BestRun.MetricValue:0.0000}, test micro-accuracy {metrics.MicroAccuracy:0.0000}, macro {metrics.MacroAccuracy:0.0000}; " +
        $"{result.RunDetails.Count} trials, search {searchSeconds:0.0} s of {settings.MaxExperimentTimeInSeconds} s ({result.StopReason}); {result.Validation.Description}");
}
else
{
    Console.WriteLine($"no completed trial: {result.StopReason}");
}
return 0;
