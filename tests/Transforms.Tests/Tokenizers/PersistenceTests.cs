// Saving a whole tokenizer (kind, options, vocabulary, training summary) and loading it back gives an
// equivalent tokenizer; corrupt, truncated or foreign streams give an InvalidDataException.
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Tests.Tokenizers;

public sealed class PersistenceTests
{
    private static Tokenizer RoundTrip(Tokenizer t)
    {
        var stream = new MemoryStream();
        t.Save(stream);
        stream.Position = 0;
        var loaded = Tokenizer.Load(stream);
        Assert.Equal(stream.Length, stream.Position); // read exactly what was written
        return loaded;
    }

    private static readonly string[] Samples =
        ["The MOVIE was Great!", "Ünïcödé café, naïve", "我爱NLP和BERT", "hi\U0001F600 there", "unbelievable storyteller", ""];

    [Fact]
    public void WordPiece_round_trips_with_options_and_summary()
    {
        var options = new WordPieceOptions
        {
            LowerCaseBeforeTokenization = false, RemoveNonSpacingMarks = false, IndividuallyTokenizeCjk = false,
            MaxInputCharsPerWord = 12, ContinuingSubwordPrefix = "@@", UnknownToken = "<unk>", PaddingToken = "<pad>",
            ClassificationToken = "<s>", SeparatorToken = "</s>", MaskingToken = "<mask>",
        };
        var trained = WordPieceTokenizer.Train(TrainerTests.SmallCorpus.Concat(Samples), new TokenizerTrainingOptions { VocabularySize = 90 }, options);
        var loaded = Assert.IsType<WordPieceTokenizer>(RoundTrip(trained));
        Assert.Equal(trained.Tokens, loaded.Tokens);
        Assert.Equal(trained.TrainingSummary, loaded.TrainingSummary);
        var o = loaded.GetOptions();
        Assert.Equal((false, false, false, 12, "@@"), (o.LowerCaseBeforeTokenization, o.RemoveNonSpacingMarks, o.IndividuallyTokenizeCjk, o.MaxInputCharsPerWord, o.ContinuingSubwordPrefix));
        Assert.Equal(("<unk>", "<pad>", "<s>", "</s>", "<mask>"), (o.UnknownToken, o.PaddingToken, o.ClassificationToken, o.SeparatorToken, o.MaskingToken));
        foreach (var text in Samples.Concat(TrainerTests.SmallCorpus))
            Assert.Equal(trained.EncodeToTokens(text, addSpecialTokens: true), loaded.EncodeToTokens(text, addSpecialTokens: true));
    }

    [Fact]
    public void Word_tokenizer_and_file_based_tokenizers_round_trip()
    {
        var word = WordTokenizer.Train(TrainerTests.SmallCorpus);
        var loadedWord = Assert.IsType<WordTokenizer>(RoundTrip(word));
        Assert.Equal(word.Tokens, loadedWord.Tokens);
        Assert.Equal(word.TrainingSummary, loadedWord.TrainingSummary);
        foreach (var text in Samples) Assert.Equal(word.EncodeToIds(text), loadedWord.EncodeToIds(text));

        var fromVocab = WordPieceEncodingTests.Small();
        var loaded = RoundTrip(fromVocab);
        Assert.Null(loaded.TrainingSummary);
        Assert.Equal(fromVocab.Tokens, loaded.Tokens);

        string path = Path.Combine(Path.GetTempPath(), $"tok-{Guid.NewGuid()}.bin");
        try
        {
            word.Save(path);
            Assert.Equal(word.Tokens, Tokenizer.Load(path).Tokens);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_truncation_of_a_saved_tokenizer_is_a_clear_error()
    {
        var stream = new MemoryStream();
        WordPieceEncodingTests.Small().Save(stream);
        byte[] bytes = stream.ToArray();
        for (int length = 0; length < bytes.Length; length++)
            Assert.Throws<InvalidDataException>(() => Tokenizer.Load(new MemoryStream(bytes, 0, length)));
    }

    [Fact]
    public void Foreign_and_corrupt_streams_are_clear_errors()
    {
        var stream = new MemoryStream();
        WordPieceEncodingTests.Small().Save(stream);
        byte[] good = stream.ToArray();

        var foreign = Assert.Throws<InvalidDataException>(() => Tokenizer.Load(new MemoryStream("PK\u0003\u0004 not a tokenizer"u8.ToArray())));
        Assert.Contains("MTOK", foreign.Message);

        byte[] version = (byte[])good.Clone();
        version[4] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => Tokenizer.Load(new MemoryStream(version))).Message);

        byte[] kind = (byte[])good.Clone();
        kind[8] = 7;
        Assert.Contains("kind 7", Assert.Throws<InvalidDataException>(() => Tokenizer.Load(new MemoryStream(kind))).Message);

        // Flip every byte after the header in turn: each load either fails cleanly or yields a tokenizer.
        for (int i = 9; i < good.Length; i++)
        {
            byte[] corrupt = (byte[])good.Clone();
            corrupt[i] ^= 0xFF;
            try
            {
                Tokenizer.Load(new MemoryStream(corrupt)).EncodeToIds("unwanted running");
            }
            catch (InvalidDataException)
            {
            }
        }
        Assert.Throws<ArgumentNullException>(() => Tokenizer.Load((Stream)null!));
    }
}
