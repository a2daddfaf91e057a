// Small synthetic text data for fast trainer tests: four topics, each with its own keywords, mixed
// with filler words shared by all topics, so a tiny model learns it in a few epochs. Rows are made
// from a seeded generator (the same rows every run) and turned into a keyed label with MapValueToKey,
// as a user pipeline would. TinyOptions is a model small enough that a Fit takes well under a second.
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Support;

public sealed class TextRow
{
    public string Label { get; set; } = "";
    public string Sentence1 { get; set; } = "";
}

public sealed class PairRow
{
    public string Label { get; set; } = "";
    public string Sentence1 { get; set; } = "";
    public string Sentence2 { get; set; } = "";
}

public static class TinyData
{
    public static readonly string[] Topics = ["sports", "business", "science", "world"];

    private static readonly string[][] Keywords =
    [
        ["goal", "match", "coach", "league", "striker", "season"],
        ["market", "shares", "profit", "bank", "investor", "merger"],
        ["atom", "telescope", "genome", "physics", "laboratory", "molecule"],
        ["minister", "election", "border", "treaty", "embassy", "summit"],
    ];

    private static readonly string[] Filler =
    [
        "the", "a", "on", "after", "new", "report", "said", "today", "week", "big", "plan", "team", "city",
        "people", "year", "latest", "news", "story", "update", "from",
    ];

    /// <summary><paramref name="count"/> rows cycling through the topics.</summary>
    public static List<TextRow> Rows(int count, int seed = 1)
    {
        var random = new Random(seed);
        var rows = new List<TextRow>(count);
        for (int i = 0; i < count; i++)
        {
            int topic = i % Topics.Length;
            rows.Add(new TextRow { Label = Topics[topic], Sentence1 = Sentence(random, topic) });
        }
        return rows;
    }

    /// <summary>A sentence of the topic: 2–3 of its keywords among 4–8 filler words.</summary>
    public static string Sentence(Random random, int topic)
    {
        var words = new List<string>();
        int fillers = random.Next(4, 9), keywords = random.Next(2, 4);
        for (int i = 0; i < fillers; i++) words.Add(Filler[random.Next(Filler.Length)]);
        for (int i = 0; i < keywords; i++)
            words.Insert(random.Next(words.Count + 1), Keywords[topic][random.Next(Keywords[topic].Length)]);
        return string.Join(' ', words);
    }

    /// <summary>A sentence of 4–8 filler words only: no topic.</summary>
    public static string FillerSentence(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(4, 9)).Select(_ => Filler[random.Next(Filler.Length)]));

    /// <summary>The rows as a data view with a "Label" key column (KeyValues = topic names).</summary>
    public static IDataView Keyed(MLContext context, IEnumerable<TextRow> rows)
    {
        var data = context.Data.LoadFromEnumerable(rows.ToList());
        return context.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    /// <summary>A keyed view of <paramref name="count"/> generated rows.</summary>
    public static IDataView Keyed(MLContext context, int count, int seed = 1) => Keyed(context, Rows(count, seed));

    /// <summary>A model small enough that training on a few hundred rows takes well under a second.</summary>
    public static AttentionTextClassificationTrainer.Options TinyOptions(int? seed = 1) => new()
    {
        ModelDimension = 16,
        NumberOfLayers = 1,
        NumberOfHeads = 2,
        FeedForwardDimension = 32,
        AttentionHops = 2,
        AttentionHiddenDimension = 8,
        VocabularySize = 300,
        // The tests' recipe predates the tuned defaults (tuned on thousands of rows), which would make these
        // tiny runs (tens of rows, a few epochs) mostly measure how much regularisation slows learning. The
        // n-gram bag has its own tests (NgramBagAndPlanTests) and the default recipe runs in the end-to-end tests.
        NgramDimension = 0,
        EmbeddingDropout = 0.3f,
        WordDropout = 0.1f,
        LabelSmoothing = 0f,
        BatchSize = 16,
        MaxEpochs = 3,
        LearningRate = 1e-2f,
        NumberOfThreads = 1,
        Seed = seed,
    };
}
