// `MlNetAttention.ModelLoadProbe MODEL.zip TEXT...`: loads an ML.NET model with mlContext.Model.Load,
// with no registration call and nothing of MlNetAttention named in the code, scores each text with a
// PredictionEngine and prints "PredictedLabel<TAB>score1 score2 ..." per text (scores as round-trip
// floats). The Estimators tests run it in a new process and compare with the scores of the model
// they saved.
using System.Globalization;
using Microsoft.ML;

var mlContext = new MLContext();
ITransformer model = mlContext.Model.Load(args[0], out _);
using var engine = mlContext.Model.CreatePredictionEngine<Article, Prediction>(model);
foreach (string text in args.Skip(1))
{
    var prediction = engine.Predict(new Article { Label = "", Sentence1 = text });
    Console.WriteLine(prediction.PredictedLabel + "\t" + string.Join(' ', prediction.Score.Select(s => s.ToString("R", CultureInfo.InvariantCulture))));
}

internal sealed class Article
{
    public string Label { get; set; } = "";
    public string Sentence1 { get; set; } = "";
}

internal sealed class Prediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}
