// Options.Encoder (issue 11): the option's rules; a named encoder whose assembly the application does not
// reference is a clear error; fine-tuning a pretrained BERT (a tiny random one written as ONNX, and the real
// MiniLM for two steps) gives a model that saves with mlContext.Model.Save and loads and scores identically
// with the encoder folder and the cache gone; sentence pairs score the same through Transform and a
// PredictionEngine (both set BERT's token types); and our tokenizer on MiniLM's vocab.txt gives the ids
// of Microsoft.ML.Tokenizers' BertTokenizer on ordinary text.
using System.Security.Cryptography;
using MlNetAttention.Encoders;
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Neural.Tests.Pretrained;
using MlNetAttention.TestKit;
using MlNetAttention.Trainers;
using Ml = Microsoft.ML.Tokenizers;

namespace MlNetAttention.Estimators.Tests.Trainers;

[Collection(nameof(EncoderCacheVariable))] // tests that set MLNETATTENTION_CACHE run one at a time
public sealed class PretrainedEncoderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A tiny random BERT (TinyOnnxBert: 12 tokens, 10 positions, d 8, 2 layers) and a vocab.txt
    /// that holds some of TinyData's words, in <paramref name="name"/> under the test's folder.</summary>
    private string TinyEncoderFolder(string name = "tiny-bert")
    {
        string folder = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), new TinyOnnxBert().Write());
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"),
            ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "goal", "market", "atom", "minister", "the", "bank", "##s"]);
        return folder;
    }

    private static AttentionTextClassificationTrainer.Options Recipe(string encoder)
    {
        var options = AttentionTextClassificationTrainer.Options.Pretrained(encoder);
        options.Seed = 1;
        options.MaxEpochs = 2;
        options.BatchSize = 8;
        options.LearningRate = 1e-3f; // a tiny random encoder: learn fast
        options.ValidationFraction = 0;
        options.NumberOfThreads = 1;
        return options;
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("/no/such/encoder/folder")]
    public void Encoder_must_be_scratch_a_named_encoder_or_an_encoder_folder(string encoder)
    {
        var options = new AttentionTextClassificationTrainer.Options { Encoder = encoder };
        var e = Assert.Throws<ArgumentException>(() => new AttentionTextClassificationTrainer(new MLContext(1), options));
        Assert.Equal("Encoder", e.ParamName);
        Assert.Contains("\"minilm\"", e.Message);
    }

    [Fact]
    public void An_encoder_folder_needs_both_files()
    {
        string folder = TinyEncoderFolder();
        File.Delete(Path.Combine(folder, "vocab.txt"));
        var e = Assert.Throws<ArgumentException>(() => new AttentionTextClassificationTrainer(new MLContext(1),
            new AttentionTextClassificationTrainer.Options { Encoder = folder }));
        Assert.Equal("Encoder", e.ParamName);
        Assert.Contains("vocab.txt", e.Message);
    }

    [Theory]
    [InlineData("ModelDimension")]
    [InlineData("NumberOfLayers")]
    [InlineData("Tokenizer")]
    [InlineData("VocabularySize")]
    public void Options_the_pretrained_encoder_decides_must_keep_their_defaults(string option)
    {
        var options = AttentionTextClassificationTrainer.Options.Pretrained("minilm");
        switch (option)
        {
            case "ModelDimension": options.ModelDimension = 384; break;
            case "NumberOfLayers": options.NumberOfLayers = 6; break;
            case "Tokenizer": options.Tokenizer = TextTokenizerKind.Word; break;
            default: options.VocabularySize = 30522; break;
        }
        var e = Assert.Throws<ArgumentException>(() => new AttentionTextClassificationTrainer(new MLContext(1), options));
        Assert.Equal(option, e.ParamName);
        Assert.Contains("pretrained encoder", e.Message);
    }

    [Fact]
    public void HeadLearningRateScale_is_honoured_with_a_pretrained_encoder_and_refused_without()
    {
        var e = Assert.Throws<ArgumentException>(() => new AttentionTextClassificationTrainer(new MLContext(1),
            new AttentionTextClassificationTrainer.Options { HeadLearningRateScale = 10f }));
        Assert.Equal("HeadLearningRateScale", e.ParamName);

        var context = new MLContext(1);
        var data = TinyData.Keyed(context, 16);
        string folder = TinyEncoderFolder();
        float[][] Scores(float scale)
        {
            var options = Recipe(folder);
            options.HeadLearningRateScale = scale;
            var model = context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(data);
            Assert.Equal(scale, model.Options.HeadLearningRateScale);
            return ScoredRows.Read(model.Transform(data)).Scores;
        }
        Assert.Equal(Scores(1f), Scores(1f));
        Assert.NotEqual(Scores(1f), Scores(10f));
    }

    [Fact]
    public void A_named_encoder_the_application_does_not_reference_names_the_package_to_reference()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new MLContext(1).MulticlassClassification.Trainers.AttentionTextClassification(Recipe("arctic-xs")));
        Assert.Equal("Encoder", e.ParamName);
        Assert.Contains("reference the NuGet package MlNetAttention.Encoders.ArcticXs", e.Message);
        new MLContext(1).MulticlassClassification.Trainers.AttentionTextClassification(Recipe("minilm")); // referenced: accepted
    }

    [Fact]
    public void A_longer_input_than_the_encoder_has_positions_is_refused_at_fit()
    {
        var context = new MLContext(1);
        var options = Recipe(TinyEncoderFolder());
        options.MaximumSequenceLength = TinyOnnxBert.T + 1;
        var e = Assert.Throws<ArgumentException>(() =>
            context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(TinyData.Keyed(context, 16)));
        Assert.Equal("MaximumSequenceLength", e.ParamName);
    }

    [Fact]
    public void A_fine_tuned_tiny_bert_saves_and_loads_without_its_folder_and_scores_identically()
    {
        var context = new MLContext(1);
        string folder = TinyEncoderFolder();
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "model.onnx"))));
        var data = TinyData.Keyed(context, 32);
        var model = context.MulticlassClassification.Trainers.AttentionTextClassification(Recipe(folder)).Fit(data);

        Assert.Equal(new PretrainedEncoderIdentity("tiny-bert", sha, model.PretrainedEncoder!.Shape), model.PretrainedEncoder);
        Assert.Equal((TinyOnnxBert.L, TinyOnnxBert.C, TinyOnnxBert.T), (model.PretrainedEncoder.Shape.LayerCount,
            model.PretrainedEncoder.Shape.ModelDimension, model.PretrainedEncoder.Shape.MaxPositions));
        Assert.Equal(12, model.Tokenizer.VocabularySize);
        Assert.InRange(model.TrainingSummary.UnknownTokenShare, 0.3, 0.99); // most of TinyData's words are not in the 12 tokens
        Assert.Equal(TinyOnnxBert.T, model.MaximumSequenceLength); // automatic, capped by the encoder's positions
        Assert.Equal(new[] { 2, 9, 6, 11, 3 }, model.Tokenizer.EncodeToIds("The markets", addSpecialTokens: true));

        string path = _folder.File("model.zip");
        context.Model.Save(model, data.Schema, path);
        Directory.Delete(folder, recursive: true);
        var loaded = (AttentionTextClassificationTransformer)new MLContext(2).Model.Load(path, out _);

        Assert.Equal(model.PretrainedEncoder, loaded.PretrainedEncoder);
        Assert.Equal(folder, loaded.Options.Encoder);
        var before = ScoredRows.Read(model.Transform(data));
        var after = ScoredRows.Read(loaded.Transform(data));
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal(before.Predicted, after.Predicted);
    }

    [Fact]
    public void Sentence_pairs_score_the_same_through_transform_a_prediction_engine_and_a_loaded_model()
    {
        var context = new MLContext(1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 24).Select(i => new PairRow
        {
            Label = TinyData.Topics[i % 4], Sentence1 = TinyData.Sentence(random, i % 4), Sentence2 = TinyData.Sentence(random, (i + 1) % 4),
        }).ToList();
        var keys = context.Transforms.Conversion.MapValueToKey("Label");
        var raw = context.Data.LoadFromEnumerable(rows);
        var data = keys.Fit(raw).Transform(raw);
        var options = Recipe(TinyEncoderFolder());
        options.Sentence2ColumnName = "Sentence2";
        var model = context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(data);
        float[][] batch = ScoredRows.Read(model.Transform(data)).Scores;

        var engine = context.Model.CreatePredictionEngine<PairRow, ScoreOnly>(model, ignoreMissingColumns: true);
        for (int r = 0; r < rows.Count; r++) Assert.Equal(batch[r], engine.Predict(rows[r]).Score);

        // Swapping the two texts changes the token types of every token (and the positions): other scores.
        var swapped = rows.Select(p => new PairRow { Label = p.Label, Sentence1 = p.Sentence2, Sentence2 = p.Sentence1 }).ToList();
        Assert.NotEqual(batch[0], engine.Predict(swapped[0]).Score);

        string path = _folder.File("pairs.zip");
        context.Model.Save(model, data.Schema, path);
        var loaded = (AttentionTextClassificationTransformer)context.Model.Load(path, out _);
        Assert.Equal(batch, ScoredRows.Read(loaded.Transform(data)).Scores);
    }

    private sealed class ScoreOnly
    {
        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void Real_minilm_fine_tunes_two_steps_and_loads_with_the_cache_gone()
    {
        string cache = Path.Combine(_folder.Path, "cache");
        string? before = Environment.GetEnvironmentVariable("MLNETATTENTION_CACHE");
        Environment.SetEnvironmentVariable("MLNETATTENTION_CACHE", cache);
        try
        {
            var context = new MLContext(1);
            var data = TinyData.Keyed(context, 16);
            var options = Recipe("minilm");
            options.MaxEpochs = 1;
            options.LearningRate = 5e-5f;
            options.NumberOfThreads = null;
            var model = context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(data);
            Assert.Equal(2, model.TrainingSummary.Steps);
            Assert.Equal("minilm", model.PretrainedEncoder!.Name);
            Assert.Equal((6, 384, 12, 512), (model.PretrainedEncoder.Shape.LayerCount, model.PretrainedEncoder.Shape.ModelDimension,
                model.PretrainedEncoder.Shape.HeadCount, model.PretrainedEncoder.Shape.MaxPositions));
            Assert.True(Directory.Exists(Path.Combine(cache, "encoders")), "the encoder was extracted to MLNETATTENTION_CACHE");

            string path = _folder.File("minilm.zip");
            context.Model.Save(model, data.Schema, path);
            Directory.Delete(cache, recursive: true);
            var loaded = (AttentionTextClassificationTransformer)context.Model.Load(path, out _);
            Assert.False(Directory.Exists(cache), "loading must not extract the encoder again");
            Assert.Equal(ScoredRows.Read(model.Transform(data)).Scores, ScoredRows.Read(loaded.Transform(data)).Scores);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MLNETATTENTION_CACHE", before);
        }
    }

    [Fact]
    public void Our_tokenizer_on_minilm_vocab_gives_BertTokenizers_ids_on_ordinary_text()
    {
        string cache = Path.Combine(_folder.Path, "cache");
        string vocabulary = Path.Combine(MiniLM.Folder(cache), "vocab.txt");
        var ours = Tokenizers.WordPieceTokenizer.Create(vocabulary);
        var theirs = Ml.BertTokenizer.Create(vocabulary, new Ml.BertOptions
        {
            LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true, IndividuallyTokenizeCjk = true,
        });
        string[] texts =
        [
            "A stirring, funny and finally transporting re-imagining of Beauty and the Beast and 1930s horror films.",
            "Apparently reassembled from the cutting-room floor of any given daytime soap.",
            "Café naïve résumé: the movie wasn't great — really, it wasn't!",
            "Wall St. Bears Claw Back Into the Black (Reuters) Reuters - Short-sellers are seeing green again.",
            "我喜欢这个商品，质量很好。",
            "unaffable supercalifragilistic antidisestablishmentarianism",
        ];
        foreach (string text in texts)
            Assert.Equal(theirs.EncodeToIds(text, addSpecialTokens: true), ours.EncodeToIds(text, addSpecialTokens: true));
        // Pairs: [CLS] a [SEP] b [SEP], as BertTokenizer builds them.
        var (a, b) = (texts[0], texts[1]);
        var ids = new int[128];
        var segments = new int[128];
        int count = ours.EncodePairToIds(a, b, ids, segments);
        var expected = theirs.BuildInputsWithSpecialTokens(theirs.EncodeToIds(a, addSpecialTokens: false), theirs.EncodeToIds(b, addSpecialTokens: false));
        Assert.Equal(expected, ids[..count]);
    }
}

[CollectionDefinition(nameof(EncoderCacheVariable), DisableParallelization = true)]
public sealed class EncoderCacheVariable;
