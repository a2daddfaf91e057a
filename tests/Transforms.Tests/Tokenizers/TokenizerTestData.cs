// Test helpers for the tokenizer tests: the files of this folder's Fixtures directory, and the text
// column of a shared dataset read with ML.NET's TextLoader (RFC 4180 quoting, streamed, so only the
// rows asked for are parsed). Paths and the skip-when-absent attribute are TestKit's
// (SharedData, [SharedDataFact]).
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.TestKit;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

internal static class TokenizerTestData
{
    /// <summary>A file of this folder's Fixtures directory (read from the source tree).</summary>
    public static string Fixture(string name) =>
        Path.Combine(SharedData.RepositoryRoot, "tests", "Transforms.Tests", "Tokenizers", "Fixtures", name);

    /// <summary>The first <paramref name="maxRows"/> values of the "text" column of ../shared/datasets/DATASET/FILE.</summary>
    public static List<string> ReadTexts(string dataset, int maxRows, string file = "train.csv")
    {
        string path = SharedData.DatasetFile($"{dataset}/{file}");
        int column = Array.IndexOf(SharedData.ReadHeader(path), "text");
        if (column < 0) throw new InvalidDataException($"{dataset}/{file} has no 'text' column.");
        var data = new MLContext(seed: 1).Data.LoadFromTextFile(path, [new TextLoader.Column("text", DataKind.String, column)],
            separatorChar: ',', hasHeader: true, allowQuoting: true);
        return data.GetColumn<string>("text").Take(maxRows).ToList();
    }
}
