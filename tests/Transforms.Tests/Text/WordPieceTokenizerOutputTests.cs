// What TokenizeIntoWordPieces outputs, checked with a hand-written vocabulary whose ids are known:
// keys = id + 1 with the tokens as KeyValues, raw Int32 ids, empty text -> empty vector, [CLS]/[SEP],
// truncation (also against the tokenizer's own truncating EncodeToIds on every sample row), CJK,
// MapKeyToValue back to token strings, PredictionEngine, and that a given tokenizer reads no data.
using MlNetAttention.Data;
using MlNetAttention.TestKit;
using MlNetAttention.Tokenizers;
using MlNetAttention.Transforms.Tests.Text.Support;
using MlNetAttention.Transforms.Text;
using static MlNetAttention.Transforms.Tests.Text.Support.TextTestData;

namespace MlNetAttention.Transforms.Tests.Text;

public sealed class WordPieceTokenizerOutputTests
{
    private const int CLS = 2, SEP = 3, UNK = 1;

    private static uint[][] KeyRows(IDataView data, string column) => data.GetColumn<uint[]>(column).ToArray();

    [Fact]
    public void OutputIsAVectorOfKeysIdPlusOneWithTheTokensAsKeyValues()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, "The cat sat on the mat.", "unaffable dog", "zebra cat");
        var output = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", HandTokenizer(), "Text").Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(new KeyDataViewType(typeof(uint), Vocabulary.Length)), output.Schema["Tokens"].Type);
        Assert.Equal(Vocabulary, KeyValues(output, "Tokens"));
        var rows = KeyRows(output, "Tokens");
        Assert.Equal(Keys([5, 6, 7, 8, 5, 9, 10]), rows[0]);
        Assert.Equal(Keys([11, 12, 13, 14]), rows[1]);
        Assert.Equal(Keys([UNK, 6]), rows[2]); // an unrepresentable word is one [UNK], as in BERT
        Assert.Equal("The cat sat on the mat.", DataViewValues.ReadColumn(output, "Text")[0]); // the input is kept
    }

    [Fact]
    public void Int32OutputGivesTheTokenizersZeroBasedIdsWithoutAnnotations()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, "The cat sat on the mat.", "unaffable dog");
        var output = ml.Transforms.Text.TokenizeIntoWordPieces("Ids", HandTokenizer(), "Text",
            outputKind: WordPieceTokenizerEstimator.OutputKind.Int32).Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Int32), output.Schema["Ids"].Type);
        Assert.False(output.Schema["Ids"].HasKeyValues());
        var rows = output.GetColumn<int[]>("Ids").ToArray();
        Assert.Equal([5, 6, 7, 8, 5, 9, 10], rows[0]);
        Assert.Equal([11, 12, 13, 14], rows[1]);
    }

    [Fact]
    public void EmptyTextIsMissingAndGivesAnEmptyVectorWhileBlankTextGetsOnlyTheSpecialTokens()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, "", "   \t ", "cat", "");
        var plain = KeyRows(ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", HandTokenizer(), "Text").Fit(data).Transform(data), "Tokens");
        Assert.Equal(new uint[][] { [], [], Keys([6]), [] }, plain);

        var special = KeyRows(ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", HandTokenizer(), "Text", addSpecialTokens: true)
            .Fit(data).Transform(data), "Tokens");
        Assert.Equal(new uint[][] { [], Keys([CLS, SEP]), Keys([CLS, 6, SEP]), [] }, special);
    }

    [Theory]
    [InlineData(0, false, new[] { 5, 6, 7, 8, 5, 9, 10 })]
    [InlineData(100, false, new[] { 5, 6, 7, 8, 5, 9, 10 })]
    [InlineData(7, false, new[] { 5, 6, 7, 8, 5, 9, 10 })]
    [InlineData(4, false, new[] { 5, 6, 7, 8 })]
    [InlineData(1, false, new[] { 5 })]
    [InlineData(0, true, new[] { CLS, 5, 6, 7, 8, 5, 9, 10, SEP })]
    [InlineData(9, true, new[] { CLS, 5, 6, 7, 8, 5, 9, 10, SEP })]
    [InlineData(5, true, new[] { CLS, 5, 6, 7, SEP })]
    [InlineData(2, true, new[] { CLS, SEP })]
    public void TruncationKeepsTheFirstTokensAndCountsTheSpecialTokens(int maximumTokens, bool addSpecialTokens, int[] expected)
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, "the cat sat on the mat.", "dog");
        var estimator = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", HandTokenizer(), "Text", maximumTokens, addSpecialTokens);
        var rows = KeyRows(estimator.Fit(data).Transform(data), "Tokens");
        Assert.Equal(Keys(expected), rows[0]);
        int[] dog = !addSpecialTokens ? [14] : maximumTokens == 2 ? [CLS, SEP] : [CLS, 14, SEP];
        Assert.Equal(Keys(dog), rows[1]);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(8, true)]
    [InlineData(3, true)]
    [InlineData(0, true)]
    public void EveryRowMatchesTheTokenizersOwnEncoding(int maximumTokens, bool addSpecialTokens)
    {
        var ml = new MLContext(seed: 1);
        var tokenizer = WordPieceTokenizer.Train(SampleTexts(), new TokenizerTrainingOptions { VocabularySize = 500 });
        var data = LoadSample(ml, "test.csv");
        var output = ml.Transforms.Text.TokenizeIntoWordPieces("Ids", tokenizer, "Text", maximumTokens, addSpecialTokens,
            WordPieceTokenizerEstimator.OutputKind.Int32).Fit(data).Transform(data);
        var texts = data.GetColumn<string>("Text").ToArray();
        var rows = output.GetColumn<int[]>("Ids").ToArray();
        Assert.Equal(160, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            var expected = tokenizer.EncodeToIds(texts[i], maximumTokens == 0 ? int.MaxValue : maximumTokens, out _, addSpecialTokens);
            Assert.True(expected.SequenceEqual(rows[i]), $"Row {i}: expected [{string.Join(",", expected)}], got [{string.Join(",", rows[i])}].");
        }
        if (maximumTokens > 0) Assert.Contains(rows, r => r.Length == maximumTokens); // truncation happened
    }

    [Fact]
    public void ChineseTextGivesOneTokenPerIdeograph()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, "我喜欢这本书", "我喜欢 the cat");
        var pipeline = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", HandTokenizer(), "Text")
            .Append(ml.Transforms.Conversion.MapKeyToValue("TokenText", "Tokens"));
        var tokens = pipeline.Fit(data).Transform(data).GetColumn<string[]>("TokenText").ToArray();
        Assert.Equal(["我", "喜", "欢", "这", "本", "书"], tokens[0]);
        Assert.Equal(["我", "喜", "欢", "the", "cat"], tokens[1]);
    }

    [Fact]
    public void MapKeyToValueTurnsTheKeysBackIntoTheTokenStrings()
    {
        var ml = new MLContext(seed: 1);
        var tokenizer = WordPieceTokenizer.Train(SampleTexts(), new TokenizerTrainingOptions { VocabularySize = 300 });
        var data = LoadSample(ml, "test.csv");
        var pipeline = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", tokenizer, "Text", addSpecialTokens: true)
            .Append(ml.Transforms.Conversion.MapKeyToValue("TokenText", "Tokens"));
        var output = pipeline.Fit(data).Transform(data);
        var texts = output.GetColumn<string>("Text").ToArray();
        var tokens = output.GetColumn<string[]>("TokenText").ToArray();
        for (int i = 0; i < texts.Length; i++)
            Assert.Equal(tokenizer.EncodeToTokens(texts[i], addSpecialTokens: true).Select(t => t.Value), tokens[i]);
        Assert.Contains(tokens, row => row.Any(t => t.StartsWith("##", StringComparison.Ordinal))); // pieces, not only words
    }

    [Fact]
    public void AGivenTokenizerIsUsedAsItIsAndFitReadsNoData()
    {
        var ml = new MLContext(seed: 1);
        var tokenizer = HandTokenizer();
        var observed = new ObservedDataView(Texts(ml, "the cat", "the dog"));
        var transformer = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", tokenizer, "Text").Fit(observed);
        Assert.Equal(0, observed.CursorsOpened);
        Assert.Same(tokenizer, transformer.Tokenizer);
        Assert.Equal(Keys([5, 14]), KeyRows(transformer.Transform(observed), "Tokens")[1]);
    }

    [Fact]
    public void TheInputColumnDefaultsToTheOutputName()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, "the cat");
        var output = ml.Transforms.Text.TokenizeIntoWordPieces("Text", HandTokenizer()).Fit(data).Transform(data);
        Assert.Equal(Keys([5, 6]), KeyRows(output, "Text")[0]);
        Assert.True(output.Schema.Single(c => c.Name == "Text" && c.IsHidden).Type is TextDataViewType); // the input is hidden, not lost
    }

    public sealed class TokenizedRow
    {
        public string Text { get; set; } = "";
        public uint[] Tokens { get; set; } = [];
    }

    [Fact]
    public void APredictionEngineReturnsTheKeysOfOneText()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", HandTokenizer(), "Text", maximumTokens: 4, addSpecialTokens: true)
            .Fit(Texts(ml, "unused"));
        var engine = ml.Model.CreatePredictionEngine<TextRow, TokenizedRow>(model);
        Assert.Equal(Keys([CLS, 11, 12, SEP]), engine.Predict(new TextRow { Text = "Unaffable dog" }).Tokens);
        Assert.Equal(Keys([CLS, 6, SEP]), engine.Predict(new TextRow { Text = "CAT" }).Tokens);
    }
}
