// TokenizeIntoWordPieces in an ML.NET pipeline on real files: the repository's news sample
// (datasets/sample, RFC 4180 quoting) through MapValueToKey + TokenizeIntoWordPieces, checked for
// label keys, [CLS]/[SEP] framing, truncation, decode round trips and a save -> load of the whole
// model; and, when ../shared is present, AG News through the pipeline giving exactly what the
// tokenizer trained directly on the same column gives.
using MlNetAttention.Data;
using MlNetAttention.TestKit;
using MlNetAttention.Tokenizers;
using MlNetAttention.Transforms.Tests.Text.Support;
using MlNetAttention.Transforms.Text;
using static MlNetAttention.Transforms.Tests.Text.Support.TextTestData;

namespace MlNetAttention.Transforms.Tests.Text;

public sealed class WordPieceTokenizerPipelineTests
{
    [Fact]
    public void SamplePipelineMapsLabelsToKeysAndTextToFramedWordPieces()
    {
        var ml = new MLContext(seed: 0);
        var train = LoadSample(ml);
        var test = LoadSample(ml, "test.csv");
        const int maximumTokens = 24;
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", new WordPieceTokenizerEstimator.Options
            {
                TrainingOptions = { VocabularySize = 1000 },
                MaximumTokens = maximumTokens,
                AddSpecialTokens = true,
            }));
        var shape = pipeline.GetOutputSchema(SchemaShape.Create(train.Schema));
        Assert.True(shape.TryFindColumn("Tokens", out var predicted));
        Assert.Equal("VarVector<Key<UInt32>>", predicted.GetTypeString());

        var model = pipeline.Fit(train);
        var tokenizer = model.LastTransformer!.Tokenizer;
        Assert.Equal(1000, tokenizer.VocabularySize);
        var output = model.Transform(test);
        Assert.Equal(new[] { "Business", "Sci/Tech", "Sports", "World" }, KeyValues(output, "Label").Order(StringComparer.Ordinal));
        Assert.All(output.GetColumn<uint>("Label"), key => Assert.InRange(key, 1u, 4u));

        var texts = output.GetColumn<string>("Text").ToArray();
        var rows = output.GetColumn<uint[]>("Tokens").Select(keys => keys.Select(k => (int)k - 1).ToArray()).ToArray();
        Assert.Equal(160, rows.Length);
        int whole = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var ids = rows[i];
            Assert.InRange(ids.Length, 3, maximumTokens);
            Assert.Equal(tokenizer.ClassificationTokenId, ids[0]);
            Assert.Equal(tokenizer.SeparatorTokenId, ids[^1]);
            Assert.DoesNotContain(ids[1..^1], tokenizer.IsSpecialToken);
            int fullLength = tokenizer.CountTokens(texts[i]) + 2;
            Assert.Equal(Math.Min(fullLength, maximumTokens), ids.Length);
            if (fullLength > maximumTokens || ids.Contains(tokenizer.UnknownTokenId)) continue;
            // A row kept whole with no [UNK] decodes back to the normalised text.
            Assert.Equal(tokenizer.PreTokenizer.Normalize(texts[i]), tokenizer.Decode(ids, skipSpecialTokens: true));
            whole++;
        }
        Assert.True(whole > 0 && whole < rows.Length, $"{whole} of {rows.Length} rows were short enough to check whole; both kinds are needed.");

        using var folder = new TempDirectory();
        ml.Model.Save(model, train.Schema, folder.File("model.zip"));
        var loaded = ml.Model.Load(folder.File("model.zip"), out _);
        EstimatorWorkout.AssertValuesEqual(DataViewValues.ReadAll(output), DataViewValues.ReadAll(loaded.Transform(test)));
    }

    [SharedDataFact("ag_news/train.csv", "ag_news/test.csv")]
    public void AgNewsThroughThePipelineMatchesTheTokenizerTrainedOnTheSameColumn()
    {
        var ml = new MLContext(seed: 0);
        IDataView Load(string file) => ml.Data.LoadFromTextFile<NewsRow>(SharedData.DatasetFile($"ag_news/{file}"),
            separatorChar: ',', hasHeader: true, allowQuoting: true);
        var train = Load("train.csv");
        var test = ml.Data.TakeRows(Load("test.csv"), 2000);
        var training = new TokenizerTrainingOptions { VocabularySize = 8000 };
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text",
                new WordPieceTokenizerEstimator.Options { TrainingOptions = training, MaximumTokens = 128, AddSpecialTokens = true }))
            .Fit(train);

        var direct = WordPieceTokenizer.Train(train.GetColumn<string>("Text").ToList(), training);
        var learned = model.LastTransformer!.Tokenizer;
        Assert.Equal(8000, learned.TrainingSummary!.Documents);
        Assert.Equal(direct.Tokens, learned.Tokens);
        var texts = test.GetColumn<string>("Text").ToArray();
        var rows = model.Transform(test).GetColumn<uint[]>("Tokens").ToArray();
        Assert.Equal(2000, rows.Length);
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(Keys(direct.EncodeToIds(texts[i], 128, out _, addSpecialTokens: true)), rows[i]);
    }
}
