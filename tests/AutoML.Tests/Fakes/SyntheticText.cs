// Small labelled texts for experiment tests: three topics, each with its own words plus shared filler
// and 10 % label noise (so accuracy is high but below 1 and configurations can differ). Seeded.
using Microsoft.ML;

namespace MlNetAttention.AutoML.Tests;

public sealed class TextRow
{
    public string Label { get; set; } = "";
    public string Text { get; set; } = "";
}

public static class SyntheticText
{
    private static readonly string[][] TopicWords =
    [
        ["goal", "match", "team", "league", "coach", "score", "season", "player"],
        ["market", "stock", "shares", "profit", "bank", "price", "trade", "investor"],
        ["chip", "software", "robot", "internet", "phone", "data", "code", "startup"],
    ];

    private static readonly string[] Filler = ["the", "a", "today", "new", "report", "says", "after", "week", "big", "with"];

    public static List<TextRow> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<TextRow>(count);
        for (int i = 0; i < count; i++)
        {
            int topic = random.Next(TopicWords.Length);
            var words = Enumerable.Range(0, 8).Select(_ => random.NextDouble() < 0.45
                ? TopicWords[topic][random.Next(TopicWords[topic].Length)]
                : Filler[random.Next(Filler.Length)]);
            int label = random.NextDouble() < 0.1 ? random.Next(TopicWords.Length) : topic;
            rows.Add(new TextRow { Label = $"topic{label}", Text = string.Join(' ', words) });
        }
        return rows;
    }

    public static IDataView Load(MLContext mlContext, int count, int seed) => mlContext.Data.LoadFromEnumerable(Rows(count, seed));
}
