// TokenizerTrainingOptions.MaximumDegreeOfParallelism: learning a vocabulary (WordPiece and word-level)
// gives exactly the same tokens and summary on 1 thread, 2 threads and every processor, on a corpus
// large enough for several counting batches; the option resolves to the expected thread count, a
// negative value is refused naming the parameter, and every option survives the copy that Train and
// the TokenizeIntoWordPieces estimator take.
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class TrainingParallelismTests
{
    // 3,000 texts (several 512-text batches per worker) of Zipf-like pseudo-words with accents, digits,
    // punctuation and CJK, so both the counting and the merges have real work to do.
    private static readonly Lazy<string[]> Corpus = new(() =>
    {
        var random = new Random(17);
        const string letters = "abcdefghijklmnopqrstuvwxyzéü";
        var words = Enumerable.Range(0, 900)
            .Select(_ => new string(Enumerable.Range(0, random.Next(2, 10)).Select(_ => letters[random.Next(letters.Length)]).ToArray()))
            .Concat(["42", "日本", "語", "3.14", "don't"])
            .ToArray();
        string Word() => words[(int)(words.Length * Math.Pow(random.NextDouble(), 3))]; // low indices much more frequent
        return Enumerable.Range(0, 3000)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(3, 15)).Select(_ => Word())) + (random.Next(4) == 0 ? "!" : "."))
            .ToArray();
    });

    private static TokenizerTrainingOptions Options(int? threads) =>
        new() { VocabularySize = 600, MinimumFrequency = 2, MaximumDegreeOfParallelism = threads };

    [Fact]
    public void WordPieceLearnsTheSameVocabularyOnAnyNumberOfThreads()
    {
        var reference = WordPieceTokenizer.Train(Corpus.Value, Options(1));
        Assert.Equal(600, reference.VocabularySize);
        foreach (int? threads in new int?[] { 2, null, 0, 64 })
        {
            var other = WordPieceTokenizer.Train(Corpus.Value, Options(threads));
            Assert.Equal(reference.Tokens, other.Tokens);
            Assert.Equal(reference.TrainingSummary, other.TrainingSummary);
        }
    }

    [Fact]
    public void WordTokenizerLearnsTheSameVocabularyOnAnyNumberOfThreads()
    {
        var reference = WordTokenizer.Train(Corpus.Value, Options(1));
        foreach (int? threads in new int?[] { 2, null })
        {
            var other = WordTokenizer.Train(Corpus.Value, Options(threads));
            Assert.Equal(reference.Tokens, other.Tokens);
            Assert.Equal(reference.TrainingSummary, other.TrainingSummary);
        }
    }

    [Fact]
    public void TheOptionResolvesToAThreadCountThisMachineHas()
    {
        int cores = Environment.ProcessorCount;
        Assert.Equal(cores, Options(null).ThreadCount);
        Assert.Equal(cores, Options(0).ThreadCount);
        Assert.Equal(1, Options(1).ThreadCount);
        Assert.Equal(Math.Min(2, cores), Options(2).ThreadCount);
        Assert.Equal(cores, Options(int.MaxValue).ThreadCount);
    }

    [Fact]
    public void ANegativeDegreeIsRefusedNamingTheParameterAndTheValue()
    {
        var direct = Assert.Throws<ArgumentOutOfRangeException>(() => WordPieceTokenizer.Train(["a b"], Options(-1)));
        Assert.Equal("trainingOptions", direct.ParamName);
        Assert.Contains("MaximumDegreeOfParallelism", direct.Message);
        Assert.Contains("-1", direct.Message);
        Assert.Equal("trainingOptions", Assert.Throws<ArgumentOutOfRangeException>(() => WordTokenizer.Train(["a b"], Options(-2))).ParamName);
    }

    [Fact]
    public void TheCopyKeepsEveryOption()
    {
        var original = new TokenizerTrainingOptions
        {
            VocabularySize = 123, MinimumFrequency = 4, MinimumUnknownShare = 0.25, MaximumDegreeOfParallelism = 3,
        };
        var copy = original.Clone();
        Assert.NotSame(original, copy);
        // Every public property, so that an option added later cannot be forgotten in Clone.
        var properties = typeof(TokenizerTrainingOptions).GetProperties().Where(p => p.CanWrite).ToArray();
        Assert.Equal(4, properties.Length);
        foreach (var property in properties)
        {
            Assert.NotEqual(property.GetValue(new TokenizerTrainingOptions()), property.GetValue(original));
            Assert.Equal(property.GetValue(original), property.GetValue(copy));
        }
    }
}
