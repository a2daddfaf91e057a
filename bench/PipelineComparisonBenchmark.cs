// `pipelines`: the ML.NET pipelines an ML.NET user would compare, side by side in one run, on the
// shared datasets (header label,text), each trained on train.csv and evaluated on test.csv with
// mlContext.MulticlassClassification.Evaluate:
//   sdca        MapValueToKey → FeaturizeText → SdcaMaximumEntropy      (what an ML.NET user picks today)
//   ours        MapValueToKey → AttentionTextClassification             (the trainer's defaults)
// Per pipeline: accuracy, macro accuracy, log-loss, train seconds, the saved zip's size, and for ours
// the scoring speed in documents/s through Transform + Evaluate (the whole test set) and through a
// PredictionEngine (one row at a time, the first --engine-rows test rows).
// FeaturizeText + ours joins as a third pipeline when the trainer takes a FeatureColumnName (issue 10).
// Usage: pipelines [DATASET ...] [--variants sdca,ours] [--max-train-rows N] [--seed N]
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Trainers;

namespace MlNetAttention.Bench;

public sealed class PipelineComparisonBenchmark : IBenchmark
{
    public string Name => "pipelines";

    public string Description => "FeaturizeText+SDCA vs ours on the shared datasets (accuracy, log-loss, time, speed)";

    private static readonly string[] AllDatasets = ["ag_news", "pricerunner", "sst2", "online_shopping_zh", "imdb"];

    public int Run(string[] args)
    {
        var datasets = new List<string>();
        string[] variants = ["sdca", "ours"];
        int maxTrainRows = 0, seed = 0, engineRows = 500;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--variants": variants = args[++i].Split(','); break;
                case "--max-train-rows": maxTrainRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--engine-rows": engineRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: datasets.Add(args[i]); break;
            }
        }
        if (datasets.Count == 0) datasets.AddRange(AllDatasets);
        Console.WriteLine($"pipelines: seed {seed}, {Environment.ProcessorCount} cores, load {BenchEnvironment.LoadAverage()}");
        Console.WriteLine("| dataset | pipeline | accuracy | macro acc | log-loss | train s | zip MB | Transform+Evaluate docs/s | PredictionEngine docs/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (string dataset in datasets)
        {
            string folder = Path.Combine(BenchEnvironment.SharedFolder(), "datasets", dataset);
            foreach (string variant in variants)
                Console.WriteLine(RunOne(dataset, folder, variant, seed, maxTrainRows, engineRows));
        }
        Console.WriteLine($"load at the end {BenchEnvironment.LoadAverage()}");
        return 0;
    }

    private static string RunOne(string dataset, string folder, string variant, int seed, int maxTrainRows, int engineRows)
    {
        var context = new MLContext(seed);
        var loader = context.Data.CreateTextLoader(
            [new TextLoader.Column("Label", DataKind.String, 0), new TextLoader.Column("Sentence1", DataKind.String, 1)],
            separatorChar: ',', hasHeader: true, allowQuoting: true);
        IDataView train = loader.Load(Path.Combine(folder, "train.csv")), test = loader.Load(Path.Combine(folder, "test.csv"));
        if (maxTrainRows > 0) train = context.Data.TakeRows(context.Data.ShuffleRows(train, seed: 1), maxTrainRows);
        train = context.Data.Cache(train);

        var keys = context.Transforms.Conversion.MapValueToKey("Label");
        var featurize = context.Transforms.Text.FeaturizeText("Features", "Sentence1");
        IEstimator<ITransformer> pipeline = variant switch
        {
            "sdca" => keys.Append(featurize).AppendCacheCheckpoint(context).Append(context.MulticlassClassification.Trainers.SdcaMaximumEntropy()),
            "ours" => keys.Append(context.MulticlassClassification.Trainers.AttentionTextClassification(new AttentionTextClassificationTrainer.Options())),
            _ => throw new ArgumentException($"unknown pipeline '{variant}' (sdca, ours)"),
        };
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(train);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));
        double transformSeconds = clock.Elapsed.TotalSeconds;
        long testRows = test.GetRowCount() ?? context.Data.CreateEnumerable<Article>(test, reuseRowObject: true).LongCount();

        string engineSpeed = "-";
        if (variant != "sdca")
        {
            var texts = context.Data.CreateEnumerable<Article>(test, reuseRowObject: false).Take(engineRows).ToList();
            using var engine = context.Model.CreatePredictionEngine<Article, Prediction>(model);
            clock.Restart();
            foreach (var article in texts) engine.Predict(article);
            engineSpeed = (texts.Count / clock.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);
        }
        string zip = Path.GetTempFileName();
        context.Model.Save(model, train.Schema, zip);
        double megabytes = new FileInfo(zip).Length / 1e6;
        File.Delete(zip);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {dataset} | {variant} | {metrics.MicroAccuracy:F4} | {metrics.MacroAccuracy:F4} | {metrics.LogLoss:F4} | {trainSeconds:F0} | {megabytes:F1} | " +
            $"{testRows / transformSeconds:F0} | {engineSpeed} |");
    }

    private sealed class Article
    {
        public string Label { get; set; } = "";
        public string Sentence1 { get; set; } = "";
    }

    private sealed class Prediction
    {
        public uint PredictedLabel { get; set; }
    }
}
