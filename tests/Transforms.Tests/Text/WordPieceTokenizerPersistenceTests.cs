// TokenizeIntoWordPieces in the model zip: the estimator workout (predicted schema = real schema,
// bad input fails naming the column, save -> load gives identical schema, KeyValues and values) for
// each output kind and tokenizer source, a reloaded transformer keeps every setting and the whole
// tokenizer, and a damaged tokenizer entry or config is a clear error naming the entry.
using System.IO.Compression;
using System.Text;
using MlNetAttention.Data;
using MlNetAttention.TestKit;
using MlNetAttention.Tokenizers;
using MlNetAttention.Transforms.Tests.Text.Support;
using MlNetAttention.Transforms.Text;
using static MlNetAttention.Transforms.Tests.Text.Support.TextTestData;

namespace MlNetAttention.Transforms.Tests.Text;

public sealed class WordPieceTokenizerPersistenceTests
{
    public sealed class NumericText
    {
        public float Text { get; set; }
    }

    public sealed class OtherColumn
    {
        public string Body { get; set; } = "";
    }

    private static IDataView MixedTexts(MLContext ml) =>
        Texts(ml, "The cat sat on the mat.", "", "我喜欢这本书", "unaffable dogs and zebras", "   ", "Ünïcödé àccents");

    [Fact]
    public void LearnedKeyOutputPassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        var bad = ml.Data.LoadFromEnumerable(new[] { new NumericText { Text = 1 } });
        var options = new WordPieceTokenizerEstimator.Options { TrainingOptions = new TokenizerTrainingOptions { VocabularySize = 300 } };
        var (transformer, output) = EstimatorWorkout.Run(ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", options),
            LoadSample(ml), bad, "Text", ml);
        Assert.Equal(300, ((WordPieceTokenizerTransformer)transformer).Tokenizer.VocabularySize);
        Assert.All(output.GetColumn<uint[]>("Tokens"), row => Assert.NotEmpty(row));
        var error = Assert.Throws<SchemaMismatchException>(() => transformer.Transform(bad));
        Assert.StartsWith("WordPieceTokenizerTransformer: Column 'Text' has type Single, but type Text was expected.", error.Message);
    }

    [Fact]
    public void LearnedOutputWithSpecialTokensAndTruncationPassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        var options = new WordPieceTokenizerEstimator.Options
        {
            TrainingOptions = new TokenizerTrainingOptions { VocabularySize = 80, MinimumFrequency = 1 },
            MaximumTokens = 6,
            AddSpecialTokens = true,
        };
        var error = EstimatorWorkout.AssertNamesColumn(
            () => ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", options).Fit(ml.Data.LoadFromEnumerable(new[] { new OtherColumn() })),
            "Text", "Fit on data without the column");
        Assert.Contains("not found", error.Message);
        var (_, output) = EstimatorWorkout.Run(ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", options),
            MixedTexts(ml), ml.Data.LoadFromEnumerable(new[] { new NumericText() }), "Text", ml);
        var rows = output.GetColumn<uint[]>("Tokens").ToArray();
        Assert.Empty(rows[1]);
        Assert.All(rows.Where(r => r.Length > 0), r => Assert.InRange(r.Length, 2, 6));
    }

    [Fact]
    public void GivenWordTokenizerWithInt32OutputPassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        var words = WordTokenizer.Train(SampleTexts(), new TokenizerTrainingOptions { VocabularySize = 200 });
        var estimator = ml.Transforms.Text.TokenizeIntoWordPieces("Ids", words, "Text", maximumTokens: 6, addSpecialTokens: true,
            outputKind: WordPieceTokenizerEstimator.OutputKind.Int32);
        var (transformer, output) = EstimatorWorkout.Run(estimator, MixedTexts(ml),
            ml.Data.LoadFromEnumerable(new[] { new OtherColumn() }), "Text", ml);
        Assert.Same(words, ((WordPieceTokenizerTransformer)transformer).Tokenizer);
        Assert.Equal(words.EncodeToIds("The cat sat on the mat.", 6, out _, addSpecialTokens: true).ToArray(), output.GetColumn<int[]>("Ids").First());
    }

    [Fact]
    public void AReloadedModelKeepsEverySettingAndTheWholeTokenizer()
    {
        var ml = new MLContext(seed: 1);
        var data = MixedTexts(ml);
        var options = new WordPieceTokenizerEstimator.Options
        {
            TrainingOptions = new TokenizerTrainingOptions { VocabularySize = 70, MinimumFrequency = 1 },
            WordPieceOptions = new WordPieceOptions { LowerCaseBeforeTokenization = false, RemoveNonSpacingMarks = false, ContinuingSubwordPrefix = "@@" },
            MaximumTokens = 9,
            AddSpecialTokens = true,
            OutputKind = WordPieceTokenizerEstimator.OutputKind.Int32,
        };
        var original = ml.Transforms.Text.TokenizeIntoWordPieces("Ids", "Text", options).Fit(data);
        using var folder = new TempDirectory();
        string path = folder.File("tokens.zip");
        ml.Model.Save(original, data.Schema, path);

        var chain = Assert.IsType<TransformerChain<ITransformer>>(new MLContext(seed: 5).Model.Load(path, out var inputSchema));
        var loaded = Assert.IsType<WordPieceTokenizerTransformer>(Assert.Single(chain));
        Assert.True(inputSchema["Text"].Type is TextDataViewType);
        Assert.Equal(("Ids", "Text", 9, true, WordPieceTokenizerEstimator.OutputKind.Int32),
            (loaded.OutputColumnName, loaded.InputColumnName, loaded.MaximumTokens, loaded.AddSpecialTokens, loaded.OutputKind));
        var tokenizer = Assert.IsType<WordPieceTokenizer>(loaded.Tokenizer);
        Assert.Equal(original.Tokenizer.Tokens, tokenizer.Tokens);
        Assert.Equal(original.Tokenizer.TrainingSummary, tokenizer.TrainingSummary);
        var settings = tokenizer.GetOptions();
        Assert.Equal((false, false, "@@"), (settings.LowerCaseBeforeTokenization, settings.RemoveNonSpacingMarks, settings.ContinuingSubwordPrefix));
        Assert.Equal(original.Transform(data).GetColumn<int[]>("Ids"), loaded.Transform(data).GetColumn<int[]>("Ids"));
    }

    [Fact]
    public void ADamagedTokenizerEntryIsAClearErrorNamingTheEntry()
    {
        var model = SavedModel();
        var truncated = Rewrite(model, "tokenizer.bin", bytes => bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => LoadFrom(truncated));
        Assert.Contains("tokenizer.bin", error.Message);
        Assert.Contains("Corrupt tokenizer", error.Message);

        var foreign = Rewrite(model, "tokenizer.bin", _ => Encoding.UTF8.GetBytes("[PAD]\n[UNK]\n"));
        error = Assert.Throws<InvalidDataException>(() => LoadFrom(foreign));
        Assert.Contains("tokenizer.bin", error.Message);
        Assert.Contains("MTOK", error.Message);
    }

    [Theory]
    [InlineData("\"outputKind\": \"Key\"", "\"outputKind\": \"Banana\"", "unknown output kind 'Banana'")]
    [InlineData("\"maximumTokens\": 5", "\"maximumTokens\": 1", "[CLS] and [SEP]")]
    [InlineData("\"version\": 1", "\"version\": 2", "unknown version 2")]
    [InlineData("\"inputColumnName\": \"Text\"", "\"inputColumnName\": \"\"", "column names are missing")]
    public void ABadConfigIsAClearErrorNamingTheEntry(string original, string replacement, string expected)
    {
        var model = SavedModel();
        var damaged = Rewrite(model, "config.json", bytes =>
        {
            string json = Encoding.UTF8.GetString(bytes);
            Assert.Contains(original, json);
            return Encoding.UTF8.GetBytes(json.Replace(original, replacement));
        });
        var error = Assert.Throws<FormatException>(() => LoadFrom(damaged));
        Assert.Contains("config.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static byte[] SavedModel()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, "the cat");
        var model = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", HandTokenizer(), "Text", maximumTokens: 5, addSpecialTokens: true).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    }

    private static ITransformer LoadFrom(byte[] model)
    {
        using var stream = new MemoryStream(model);
        return new MLContext(seed: 1).Model.Load(stream, out _);
    }

    // The model with the content of the (one) entry whose name ends with entrySuffix changed.
    private static byte[] Rewrite(byte[] model, string entrySuffix, Func<byte[], byte[]> change)
    {
        using var stream = new MemoryStream();
        stream.Write(model);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = Assert.Single(archive.Entries, e => e.FullName.EndsWith("/" + entrySuffix, StringComparison.Ordinal));
            byte[] content;
            using (var reader = entry.Open())
            using (var buffer = new MemoryStream())
            {
                reader.CopyTo(buffer);
                content = buffer.ToArray();
            }
            string name = entry.FullName;
            entry.Delete();
            using var writer = archive.CreateEntry(name).Open();
            writer.Write(change(content));
        }
        return stream.ToArray();
    }
}
