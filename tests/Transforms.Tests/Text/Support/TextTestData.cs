// Data for the TokenizeIntoWordPieces tests: the team-written news sample in the repository
// (datasets/sample, header label,text, RFC 4180 quoting) read with the real TextLoader, and a small
// hand-written WordPiece vocabulary whose ids the tests can state exactly.
using MlNetAttention.Data;
using MlNetAttention.TestKit;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Text.Support;

/// <summary>One row of the news sample, as an ML.NET data class.</summary>
public sealed class NewsRow
{
    [LoadColumn(0)]
    public string Label { get; set; } = "";

    [LoadColumn(1)]
    public string Text { get; set; } = "";
}

/// <summary>A row with only a text column, for in-memory data.</summary>
public sealed class TextRow
{
    public string Text { get; set; } = "";
}

internal static class TextTestData
{
    /// <summary>datasets/sample/NAME in the repository.</summary>
    public static string SampleFile(string name) => Path.Combine(SharedData.RepositoryRoot, "datasets", "sample", name);

    /// <summary>The news sample file <paramref name="name"/> as a lazy view (Label, Text).</summary>
    public static IDataView LoadSample(MLContext ml, string name = "train.csv") =>
        ml.Data.LoadFromTextFile<NewsRow>(SampleFile(name), separatorChar: ',', hasHeader: true, allowQuoting: true);

    /// <summary>The Text column of the news sample file <paramref name="name"/>.</summary>
    public static List<string> SampleTexts(string name = "train.csv") =>
        LoadSample(new MLContext(seed: 1), name).GetColumn<string>("Text").ToList();

    /// <summary>In-memory data with one Text column.</summary>
    public static IDataView Texts(MLContext ml, params string[] texts) =>
        ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }).ToList());

    /// <summary>A hand-written vocabulary: id = position.</summary>
    public static readonly string[] Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",                 // 0-4
        "the", "cat", "sat", "on", "mat", ".",                        // 5-10
        "un", "##aff", "##able", "dog",                               // 11-14
        "我", "喜", "欢", "这", "本", "书",                               // 15-20
    ];

    /// <summary>A WordPiece tokenizer over <see cref="Vocabulary"/> with BERT-uncased options.</summary>
    public static WordPieceTokenizer HandTokenizer() => WordPieceTokenizer.Create(Vocabulary);

    /// <summary>Keys (id + 1) of tokenizer ids.</summary>
    public static uint[] Keys(IEnumerable<int> ids) => ids.Select(id => (uint)id + 1).ToArray();

    /// <summary>The KeyValues annotation of a column, as strings.</summary>
    public static string[] KeyValues(IDataView data, string column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        data.Schema[column].GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
