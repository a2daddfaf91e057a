// The repository's own sample dataset (datasets/sample/{train,test}.csv, 480/160 rows of four news
// topics, header label,text), loaded the ML.NET way: text columns Label and Sentence1, Label mapped to
// a key learned from the training file.
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.TestKit;

namespace MlNetAttention.Estimators.Tests.Support;

public static class SampleData
{
    public static string File(string name) => Path.Combine(SharedData.RepositoryRoot, "datasets", "sample", name);

    /// <summary>(train, test) with a "Label" key column and the text in "Sentence1".</summary>
    public static (IDataView Train, IDataView Test) Load(MLContext context)
    {
        var loader = context.Data.CreateTextLoader(
            [new TextLoader.Column("Label", DataKind.String, 0), new TextLoader.Column("Sentence1", DataKind.String, 1)],
            separatorChar: ',', hasHeader: true, allowQuoting: true);
        var train = loader.Load(File("train.csv"));
        var test = loader.Load(File("test.csv"));
        var keys = context.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        return (keys.Transform(train), keys.Transform(test));
    }
}
