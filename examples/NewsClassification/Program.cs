// News topic classification with MlNetAttention, written exactly as it would be with ML.NET:
// load a CSV into an IDataView, map the label to a key, train the attention text classifier,
// evaluate, save, load, and predict single articles with a PredictionEngine.
//
// Data: ../shared/datasets/ag_news (4 topics, 8,000 training articles) when it is there, otherwise the
// small news sample in datasets/sample (same layout: label,text), so the example always runs.
// Run from the repository root:   dotnet run --project examples/NewsClassification -c Release
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Trainers;

// 1. Find the data and create the MLContext (the seed makes training reproducible).
var (trainPath, testPath) = DataFiles.Find("ag_news");
Console.WriteLine($"Training on {trainPath}");
var mlContext = new MLContext(seed: 1);

// 2. Load the CSV files: a header row, comma separated, quoted fields (RFC 4180).
IDataView trainData = mlContext.Data.LoadFromTextFile<NewsArticle>(trainPath, separatorChar: ',', hasHeader: true, allowQuoting: true);
IDataView testData = mlContext.Data.LoadFromTextFile<NewsArticle>(testPath, separatorChar: ',', hasHeader: true, allowQuoting: true);

// 3. The pipeline: label text -> key, the Transformer-encoder classifier, then the predicted key back to text.
//    Three epochs keep the example to a few minutes on a laptop; by default the trainer plans the epochs from the data.
var pipeline = mlContext.Transforms.Conversion.MapValueToKey(outputColumnName: "Label", inputColumnName: "Label")
    .Append(mlContext.MulticlassClassification.Trainers.AttentionTextClassification(
        labelColumnName: "Label", sentence1ColumnName: "Text", maxEpochs: 3))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

// 4. Train. (Subscribe to mlContext.Log to watch the epochs go by.)
mlContext.Log += (_, e) => { if (e.RawMessage.Contains(" done:")) Console.WriteLine("  " + e.RawMessage); };
ITransformer model = pipeline.Fit(trainData);

// 5. Evaluate on the test set with ML.NET's metrics.
var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(testData));
Console.WriteLine($"MicroAccuracy {metrics.MicroAccuracy:F4}, MacroAccuracy {metrics.MacroAccuracy:F4}, LogLoss {metrics.LogLoss:F4}");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// 6. Save the whole pipeline to one .zip and load it back, as an application would at start-up.
mlContext.Model.Save(model, trainData.Schema, "news-model.zip");
ITransformer loadedModel = mlContext.Model.Load("news-model.zip", out DataViewSchema inputSchema);

// 7. Predict single articles. (A PredictionEngine is not thread-safe: use one per thread.)
var engine = mlContext.Model.CreatePredictionEngine<NewsArticle, NewsPrediction>(loadedModel);
string[] headlines =
[
    "The central bank raised interest rates by half a point to slow inflation.",
    "The goalkeeper saved two penalties as the underdogs reached the final.",
    "A new battery chemistry could double the range of electric cars, researchers say.",
    "Leaders of both countries signed a ceasefire after weeks of talks.",
];
foreach (string headline in headlines)
{
    NewsPrediction prediction = engine.Predict(new NewsArticle { Text = headline });
    Console.WriteLine($"{prediction.PredictedLabel,-10} {prediction.Score.Max(),6:P0}  {headline}");
}

/// <summary>One row of the CSV: the label in column 0, the text in column 1.</summary>
public class NewsArticle
{
    [LoadColumn(0)] public string Label { get; set; } = "";
    [LoadColumn(1)] public string Text { get; set; } = "";
}

/// <summary>What the model adds: the predicted topic and the probability of every topic.</summary>
public class NewsPrediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}

/// <summary>Finds ../shared/datasets/NAME beside the repository, or falls back to datasets/sample.</summary>
static class DataFiles
{
    public static (string Train, string Test) Find(string dataset)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MlNetAttention.sln"))) folder = folder.Parent;
        string root = folder?.FullName ?? throw new InvalidOperationException("Run the example from the MlNetAttention repository.");
        string shared = Path.Combine(root, "..", "shared", "datasets", dataset);
        if (File.Exists(Path.Combine(shared, "train.csv")) && File.Exists(Path.Combine(shared, "test.csv")))
            return (Path.GetFullPath(Path.Combine(shared, "train.csv")), Path.GetFullPath(Path.Combine(shared, "test.csv")));
        Console.WriteLine($"({dataset} not found in ../shared/datasets; using the news sample in datasets/sample.)");
        return (Path.Combine(root, "datasets", "sample", "train.csv"), Path.Combine(root, "datasets", "sample", "test.csv"));
    }
}
