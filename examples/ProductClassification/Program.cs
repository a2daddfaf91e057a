// Product categorisation from product titles with MlNetAttention, the ML.NET way, using the trainer's
// Options object to pin a configuration for short texts (titles are about a dozen tokens: a shorter
// maximum length and a narrower model train faster). Shows top-K accuracy and the most likely
// categories of each title.
//
// Data: ../shared/datasets/pricerunner (10 product categories from shop listings) when it is there,
// otherwise the small news sample in datasets/sample (same layout: label,text), so the example always runs.
// Run from the repository root:   dotnet run --project examples/ProductClassification -c Release
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Trainers;

// 1. Find the data and create the MLContext.
var (trainPath, testPath) = DataFiles.Find("pricerunner");
Console.WriteLine($"Training on {trainPath}");
var mlContext = new MLContext(seed: 1);

// 2. Load the CSV files (header, comma separated, quoted fields).
IDataView trainData = mlContext.Data.LoadFromTextFile<Product>(trainPath, separatorChar: ',', hasHeader: true, allowQuoting: true);
IDataView testData = mlContext.Data.LoadFromTextFile<Product>(testPath, separatorChar: ',', hasHeader: true, allowQuoting: true);

// 3. The trainer's options: every setting has a documented default; these pin a smaller, faster model for titles.
var options = new AttentionTextClassificationTrainer.Options
{
    LabelColumnName = "Category",
    Sentence1ColumnName = "Title",
    MaxEpochs = 3,                 // a few minutes on a laptop (by default the epochs are planned from the data)
    MaximumSequenceLength = 32,    // titles are short; attention cost grows with the square of the length
    ModelDimension = 96,
    NumberOfHeads = 4,
    FeedForwardDimension = 384,
};
var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Category")
    .Append(mlContext.MulticlassClassification.Trainers.AttentionTextClassification(options))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

// 4. Train.
mlContext.Log += (_, e) => { if (e.RawMessage.Contains(" done:")) Console.WriteLine("  " + e.RawMessage); };
ITransformer model = pipeline.Fit(trainData);

// 5. Evaluate, asking also for top-3 accuracy: how often the right category is among the three most likely.
var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(testData), labelColumnName: "Category", topKPredictionCount: 3);
Console.WriteLine($"MicroAccuracy {metrics.MicroAccuracy:F4}, MacroAccuracy {metrics.MacroAccuracy:F4}, " +
                  $"top-3 accuracy {metrics.TopKAccuracy:F4}, LogLoss {metrics.LogLoss:F4}");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// 6. Save, then load the model as a shop's back end would.
mlContext.Model.Save(model, trainData.Schema, "product-model.zip");
ITransformer loadedModel = mlContext.Model.Load("product-model.zip", out _);

// 7. Predict: the three most likely categories of each title. Score's slot names are the category names.
var engine = mlContext.Model.CreatePredictionEngine<Product, ProductPrediction>(loadedModel);
VBuffer<ReadOnlyMemory<char>> slotNames = default;
engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
string[] categories = slotNames.DenseValues().Select(name => name.ToString()).ToArray();
string[] titles =
[
    "Samsung Galaxy S21 5G 128GB Phantom Grey",
    "Bosch Serie 4 WAN28201GB 8kg 1400 Spin Washing Machine",
    "Canon EOS 250D DSLR Camera with 18-55mm Lens",
    "Intel Core i7-10700K 3.8GHz Processor",
];
foreach (string title in titles)
{
    ProductPrediction prediction = engine.Predict(new Product { Title = title });
    var top3 = prediction.Score.Select((p, i) => (Category: categories[i], Probability: p)).OrderByDescending(c => c.Probability).Take(3);
    Console.WriteLine($"{title}\n    " + string.Join(", ", top3.Select(c => $"{c.Category} {c.Probability:P0}")));
}

/// <summary>One row of the CSV: the category in column 0, the product title in column 1.</summary>
public class Product
{
    [LoadColumn(0)] public string Category { get; set; } = "";
    [LoadColumn(1)] public string Title { get; set; } = "";
}

/// <summary>The predicted category and the probability of every category (in the order of Score's slot names).</summary>
public class ProductPrediction
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
