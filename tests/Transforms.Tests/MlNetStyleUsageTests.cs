// Compile-proof: this file is written the way ML.NET user code is written (see the ML.NET samples:
// data classes with [LoadColumn], LoadFromTextFile<T>, MapValueToKey, TrainTestSplit,
// CreateEnumerable, Model.Save/Load, CreatePredictionEngine). Only the usings differ from ML.NET
// (`using Microsoft.ML; using Microsoft.ML.Data;` become the two below). `#nullable disable`
// stands in for a project without nullable reference types, as the ML.NET samples are. The
// namespace is deliberately outside MlNetAttention so that nothing resolves without the usings.
#nullable disable
using MlNetAttention;
using MlNetAttention.Data;

namespace NewsClassification.Sample;

public class NewsArticle
{
    [LoadColumn(0)]
    public string Label { get; set; }

    [LoadColumn(1)]
    public string Text { get; set; }
}

public class NewsArticleWithKey
{
    public string Label { get; set; }

    public string Text { get; set; }

    [ColumnName("LabelKey")]
    public uint LabelIndex { get; set; }

    public string LabelBack { get; set; }
}

public sealed class MlNetStyleUsageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlnet-style-" + Guid.NewGuid().ToString("N"));

    public MlNetStyleUsageTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteNewsCsv()
    {
        string[] topics = { "World", "Sports", "Business", "Sci/Tech" };
        var lines = new List<string> { "label,text" };
        for (int i = 0; i < 200; i++)
        {
            string topic = topics[i % topics.Length];
            lines.Add($"{topic},\"Article {i} about {topic.ToLowerInvariant()}, with a comma and \"\"quotes\"\"\"");
        }
        string path = Path.Combine(_folder, "news.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void TypicalMlNetCodeRunsUnchanged()
    {
        var mlContext = new MLContext(seed: 0);

        IDataView data = mlContext.Data.LoadFromTextFile<NewsArticle>(WriteNewsCsv(), separatorChar: ',', hasHeader: true,
            allowQuoting: true);
        DataOperationsCatalog.TrainTestData split = mlContext.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey(outputColumnName: "LabelKey", inputColumnName: "Label")
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("LabelBack", "LabelKey"))
            .AppendCacheCheckpoint(mlContext);

        ITransformer model = pipeline.Fit(split.TrainSet);
        IDataView predictions = model.Transform(split.TestSet);

        VBuffer<ReadOnlyMemory<char>> labelNames = default;
        predictions.Schema["LabelKey"].GetKeyValues(ref labelNames);
        string[] names = labelNames.DenseValues().Select(n => n.ToString()).ToArray();

        List<NewsArticleWithKey> rows = mlContext.Data
            .CreateEnumerable<NewsArticleWithKey>(predictions, reuseRowObject: false)
            .ToList();

        Assert.Equal(new[] { "Business", "Sci/Tech", "Sports", "World" }, names.OrderBy(n => n, StringComparer.Ordinal));
        int trainRows = mlContext.Data.CreateEnumerable<NewsArticle>(split.TrainSet, reuseRowObject: true).Count();
        Assert.Equal(200, trainRows + rows.Count);
        Assert.InRange(rows.Count, 25, 75);
        foreach (var row in rows)
        {
            Assert.Equal(row.Label, names[row.LabelIndex - 1]);
            Assert.Equal(row.Label, row.LabelBack);
            Assert.Contains("with a comma and \"quotes\"", row.Text);
        }

        string modelPath = Path.Combine(_folder, "model.zip");
        mlContext.Model.Save(model, data.Schema, modelPath);
        ITransformer loadedModel = mlContext.Model.Load(modelPath, out DataViewSchema inputSchema);
        var engine = mlContext.Model.CreatePredictionEngine<NewsArticle, NewsArticleWithKey>(loadedModel);
        NewsArticleWithKey prediction = engine.Predict(new NewsArticle { Label = "Sports", Text = "A match" });

        Assert.Equal(new[] { "Label", "Text" }, inputSchema.Select(c => c.Name));
        Assert.Equal("Sports", names[prediction.LabelIndex - 1]);
        Assert.Equal("Sports", prediction.LabelBack);
    }
}
