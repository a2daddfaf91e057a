// Learning the vocabulary in Fit: the transform learns exactly what WordPieceTokenizer.Train learns
// from the same column, in one pass through one cursor, copies text a cursor may overwrite, gives
// the same vocabulary for the same data (whatever the seed or row order), honours and copies its
// options, logs what it learned, and rejects bad arguments and wordless columns clearly.
using MlNetAttention.Data;
using MlNetAttention.Tokenizers;
using MlNetAttention.Transforms.Tests.Text.Support;
using MlNetAttention.Transforms.Text;
using static MlNetAttention.Transforms.Tests.Text.Support.TextTestData;

namespace MlNetAttention.Transforms.Tests.Text;

public sealed class WordPieceTokenizerLearningTests
{
    private static WordPieceTokenizerEstimator.Options Small(int vocabularySize = 400) =>
        new() { TrainingOptions = new TokenizerTrainingOptions { VocabularySize = vocabularySize } };

    [Fact]
    public void FitLearnsWhatTheTokenizerLearnsFromTheSameTexts()
    {
        var ml = new MLContext(seed: 1);
        var data = LoadSample(ml);
        var transformer = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small()).Fit(data);
        var direct = WordPieceTokenizer.Train(SampleTexts(), new TokenizerTrainingOptions { VocabularySize = 400 });

        Assert.IsType<WordPieceTokenizer>(transformer.Tokenizer);
        Assert.Equal(400, transformer.Tokenizer.VocabularySize);
        Assert.Equal(direct.Tokens, transformer.Tokenizer.Tokens);
        Assert.Equal(direct.TrainingSummary, transformer.Tokenizer.TrainingSummary);
        Assert.Equal(480, transformer.Tokenizer.TrainingSummary!.Documents);
        var output = transformer.Transform(data);
        Assert.Equal(transformer.Tokenizer.Tokens, KeyValues(output, "Tokens"));
        var texts = data.GetColumn<string>("Text").ToArray();
        var rows = output.GetColumn<uint[]>("Tokens").ToArray();
        for (int i = 0; i < texts.Length; i++) Assert.Equal(Keys(direct.EncodeToIds(texts[i])), rows[i]);
    }

    [Fact]
    public void LearningReadsTheInputOnceThroughOneCursor()
    {
        var ml = new MLContext(seed: 1);
        var observed = new ObservedDataView(LoadSample(ml));
        var estimator = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small());
        estimator.GetOutputSchema(SchemaShape.Create(observed.Schema));
        var transformer = estimator.Fit(observed);
        Assert.Equal(1, observed.CursorsOpened);
        Assert.Equal(480, observed.RowsRead);
        transformer.Transform(observed); // lazy: nothing is read until a cursor asks
        Assert.Equal(1, observed.CursorsOpened);
    }

    [Fact]
    public void TextThatTheCursorOverwritesIsCopiedBeforeTheLearnerKeepsIt()
    {
        var ml = new MLContext(seed: 1);
        var reusing = new ObservedDataView(LoadSample(ml), reuseTextBuffers: true);
        var fromReused = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small()).Fit(reusing).Tokenizer;
        var fromStrings = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small()).Fit(LoadSample(ml)).Tokenizer;
        Assert.Equal(fromStrings.Tokens, fromReused.Tokens);
        Assert.Equal(fromStrings.TrainingSummary, fromReused.TrainingSummary);
    }

    [Fact]
    public void TheSameDataGivesTheSameVocabularyWhateverTheSeedOrRowOrder()
    {
        var texts = SampleTexts();
        var first = new MLContext(seed: 1);
        var second = new MLContext(seed: 2);
        var a = first.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small()).Fit(Texts(first, [.. texts]));
        var b = second.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small()).Fit(Texts(second, [.. texts]));
        var reversed = second.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small())
            .Fit(Texts(second, [.. Enumerable.Reverse(texts)]));
        Assert.Equal(a.Tokenizer.Tokens, b.Tokenizer.Tokens);
        Assert.Equal(a.Tokenizer.Tokens, reversed.Tokenizer.Tokens);
        var data = LoadSample(first, "test.csv");
        Assert.Equal(a.Transform(data).GetColumn<uint[]>("Tokens"), reversed.Transform(data).GetColumn<uint[]>("Tokens"));
    }

    [Fact]
    public void TrainingAndNormalisationOptionsAreHonoured()
    {
        var ml = new MLContext(seed: 1);
        var texts = new[] { "Hello World", "Hello there", "hello world", "HELLO" };
        var cased = new WordPieceTokenizerEstimator.Options
        {
            TrainingOptions = new TokenizerTrainingOptions { VocabularySize = 60, MinimumFrequency = 1, MinimumUnknownShare = 0 },
            WordPieceOptions = new WordPieceOptions { LowerCaseBeforeTokenization = false, ContinuingSubwordPrefix = "@@" },
        };
        var transformer = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", cased).Fit(Texts(ml, texts));
        var tokenizer = (WordPieceTokenizer)transformer.Tokenizer;
        Assert.False(tokenizer.GetOptions().LowerCaseBeforeTokenization);
        Assert.Equal("@@", tokenizer.ContinuingSubwordPrefix);
        Assert.Contains("Hello", tokenizer.Tokens);
        Assert.Contains("hello", tokenizer.Tokens);
        Assert.Contains(tokenizer.Tokens, t => t.StartsWith("@@", StringComparison.Ordinal));
        Assert.DoesNotContain(tokenizer.Tokens, t => t.StartsWith("##", StringComparison.Ordinal));

        var uncased = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text",
            new WordPieceTokenizerEstimator.Options { TrainingOptions = cased.TrainingOptions }).Fit(Texts(ml, texts)).Tokenizer;
        Assert.DoesNotContain("Hello", uncased.Tokens);
        Assert.Contains("hello", uncased.Tokens);

        // MinimumFrequency: a word seen once is not learned whole at 2.
        var frequent = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", new WordPieceTokenizerEstimator.Options
        {
            TrainingOptions = new TokenizerTrainingOptions { VocabularySize = 60, MinimumFrequency = 2, MinimumUnknownShare = 0 },
        }).Fit(Texts(ml, texts)).Tokenizer;
        Assert.Contains("hello", frequent.Tokens);
        Assert.DoesNotContain("there", frequent.Tokens);
    }

    [Fact]
    public void OptionsAreCopiedWhenTheEstimatorIsMade()
    {
        var ml = new MLContext(seed: 1);
        var options = Small(300);
        options.MaximumTokens = 5;
        var estimator = ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", options);
        options.TrainingOptions.VocabularySize = 200;
        options.WordPieceOptions.LowerCaseBeforeTokenization = false;
        options.MaximumTokens = 0;
        options.OutputKind = WordPieceTokenizerEstimator.OutputKind.Int32;
        var transformer = estimator.Fit(LoadSample(ml));
        Assert.Equal(300, transformer.Tokenizer.VocabularySize);
        Assert.True(((WordPieceTokenizer)transformer.Tokenizer).GetOptions().LowerCaseBeforeTokenization);
        Assert.Equal(5, transformer.MaximumTokens);
        Assert.Equal(WordPieceTokenizerEstimator.OutputKind.Key, transformer.OutputKind);
    }

    [Fact]
    public void FitLogsWhatItLearned()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => messages.Add(e.Message);
        ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text", Small()).Fit(LoadSample(ml));
        Assert.Contains(messages, m => m.Contains("'Text'") && m.Contains("400 tokens") && m.Contains("480 rows"));
    }

    [Fact]
    public void AColumnWithoutWordsCannotBeLearnedFrom()
    {
        var ml = new MLContext(seed: 1);
        foreach (var data in new[] { Texts(ml, "", "  ", "\t"), Texts(ml) })
        {
            var error = Assert.Throws<InvalidOperationException>(() => ml.Transforms.Text.TokenizeIntoWordPieces("Tokens", "Text").Fit(data));
            Assert.Contains("'Text'", error.Message);
            Assert.Contains("no word", error.Message);
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheParameterNamed()
    {
        var ml = new MLContext(seed: 1);
        var text = ml.Transforms.Text;
        var tokenizer = HandTokenizer();

        Assert.Throws<ArgumentNullException>(() => text.TokenizeIntoWordPieces(null!));
        Assert.Throws<ArgumentException>(() => text.TokenizeIntoWordPieces(" "));
        Assert.Throws<ArgumentException>(() => text.TokenizeIntoWordPieces("Tokens", ""));
        Assert.Equal("tokenizer", Assert.Throws<ArgumentNullException>(() => text.TokenizeIntoWordPieces("Tokens", (Tokenizer)null!)).ParamName);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => text.TokenizeIntoWordPieces("Tokens", tokenizer, maximumTokens: -1));
        Assert.Equal("maximumTokens", negative.ParamName);
        Assert.Contains("-1", negative.Message);
        var tooFew = Assert.Throws<ArgumentOutOfRangeException>(() =>
            text.TokenizeIntoWordPieces("Tokens", tokenizer, maximumTokens: 1, addSpecialTokens: true));
        Assert.Contains("[CLS] and [SEP]", tooFew.Message);
        Assert.Equal("outputKind", Assert.Throws<ArgumentOutOfRangeException>(() =>
            text.TokenizeIntoWordPieces("Tokens", tokenizer, outputKind: (WordPieceTokenizerEstimator.OutputKind)7)).ParamName);

        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() =>
            text.TokenizeIntoWordPieces("Tokens", "Text", new() { MaximumTokens = -3 })).ParamName);
        var smallVocabulary = Assert.Throws<ArgumentOutOfRangeException>(() => text.TokenizeIntoWordPieces("Tokens", "Text", Small(5)));
        Assert.Equal("options", smallVocabulary.ParamName);
        Assert.Contains("VocabularySize", smallVocabulary.Message);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => text.TokenizeIntoWordPieces("Tokens", "Text",
            new() { WordPieceOptions = new WordPieceOptions { ContinuingSubwordPrefix = "" } })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            text.TokenizeIntoWordPieces("Tokens", "Text", new() { TrainingOptions = null! })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            text.TokenizeIntoWordPieces("Tokens", "Text", new() { WordPieceOptions = null! })).ParamName);
    }
}
