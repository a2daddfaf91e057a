// Weight import from ONNX on a tiny BERT written by TinyOnnxBert: the shape is inferred (layers,
// widths, heads from the √HS scale, epsilon), MatMul weights come back transposed to (out, in) and Q/K/V
// stacked, and broken files (a missing tensor, a wrong shape, a weight without its bias Add, an
// unexpected encoder tensor, an inconsistent head scale, a bad vocabulary) fail naming the file and
// the tensor. Also: the BERT configuration survives a weights-file round trip.
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Pretrained;

namespace MlNetAttention.Neural.Tests.Pretrained;

public sealed class OnnxBertImportTests : IDisposable
{
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (string f in _folders) Directory.Delete(f, recursive: true);
    }

    private string Folder(TinyOnnxBert tiny)
    {
        string folder = tiny.WriteFolder();
        _folders.Add(folder);
        return folder;
    }

    private static EncoderClassifierConfig Heads(PretrainedBert bert) => bert.Configure(new EncoderClassifierConfig
    {
        VocabularySize = bert.Shape.VocabularySize, ClassCount = 3, Pooling = PoolingKind.Mean,
    });

    [Fact]
    public void Shape_is_inferred_and_weights_are_transposed_and_stacked()
    {
        var tiny = new TinyOnnxBert();
        PretrainedBert bert = PretrainedBert.Load(Folder(tiny), "tiny");
        Assert.Equal(new BertShape(TinyOnnxBert.V, TinyOnnxBert.C, TinyOnnxBert.T, TinyOnnxBert.TT, TinyOnnxBert.L,
            TinyOnnxBert.NH, TinyOnnxBert.F, TinyOnnxBert.Epsilon), bert.Shape);
        Assert.Equal(1, bert.UnknownTokenId);
        Assert.Equal(64, bert.ModelSha256.Length);

        var model = EncoderClassifier.FromPretrained(bert, Heads(bert), seed: 1);
        ParameterArena arena = model.Parameters;
        const int C = TinyOnnxBert.C;
        foreach (ParameterTensor t in arena.Tensors.Where(t => BertParameters.IsEncoderTensor(t.Name)))
        {
            float[] actual = arena.ValuesOf(t).ToArray();
            if (t.Name.Contains(".qkv.", StringComparison.Ordinal))
            {
                string prefix = t.Name[..t.Name.IndexOf("qkv.", StringComparison.Ordinal)], suffix = t.Name.EndsWith("weight", StringComparison.Ordinal) ? ".weight" : ".bias";
                int part = actual.Length / 3;
                Assert.Equal(tiny.Tensors[prefix + "query" + suffix].Values, actual[..part]);
                Assert.Equal(tiny.Tensors[prefix + "key" + suffix].Values, actual[part..(2 * part)]);
                Assert.Equal(tiny.Tensors[prefix + "value" + suffix].Values, actual[(2 * part)..]);
            }
            else
            {
                Assert.Equal(tiny.Tensors[t.Name].Values, actual);
            }
        }
        Assert.Equal(C * C * 3, arena["encoder.layer.1.attention.self.qkv.weight"].Length);
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        var tiny = new TinyOnnxBert();
        tiny.Tensors.Remove("encoder.layer.1.output.LayerNorm.bias");
        string folder = Folder(tiny);
        var e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("model.onnx", e.Message);
        Assert.Contains("'encoder.layer.1.output.LayerNorm.bias'", e.Message);
    }

    [Fact]
    public void A_wrong_shape_is_named_with_its_expected_shape()
    {
        var tiny = new TinyOnnxBert();
        tiny.Tensors["encoder.layer.0.attention.self.key.weight"] = ([TinyOnnxBert.C, TinyOnnxBert.C - 1], new float[TinyOnnxBert.C * (TinyOnnxBert.C - 1)]);
        string folder = Folder(tiny);
        var e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("model.onnx", e.Message);
        Assert.Contains("'encoder.layer.0.attention.self.key.weight'", e.Message);
        Assert.Contains("(8, 7); expected (8, 8)", e.Message);
    }

    [Fact]
    public void A_wrongly_sized_bias_is_named()
    {
        var tiny = new TinyOnnxBert();
        tiny.Tensors["encoder.layer.1.intermediate.dense.bias"] = ([TinyOnnxBert.F + 1], new float[TinyOnnxBert.F + 1]);
        string folder = Folder(tiny);
        var e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("'encoder.layer.1.intermediate.dense.bias'", e.Message);
        Assert.Contains("expected (16)", e.Message);
    }

    [Fact]
    public void A_matmul_weight_without_its_bias_add_is_named()
    {
        var tiny = new TinyOnnxBert();
        tiny.Tensors.Remove("encoder.layer.0.attention.output.dense.bias");
        string folder = Folder(tiny);
        var e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("MatMul weight", e.Message);
        Assert.Contains("(8, 8)", e.Message);
    }

    [Fact]
    public void An_unexpected_encoder_tensor_is_named()
    {
        var tiny = new TinyOnnxBert();
        tiny.Tensors["encoder.layer.0.attention.self.relative.bias"] = ([TinyOnnxBert.C], new float[TinyOnnxBert.C]);
        string folder = Folder(tiny);
        var e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("unexpected encoder tensors", e.Message);
        Assert.Contains("encoder.layer.0.attention.self.relative.bias", e.Message);
    }

    [Fact]
    public void A_head_size_that_does_not_divide_the_width_is_refused()
    {
        var tiny = new TinyOnnxBert { HeadSize = 3 };
        string folder = Folder(tiny);
        var e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("head size of 3", e.Message);
    }

    [Fact]
    public void A_vocabulary_that_does_not_fit_is_refused()
    {
        string folder = Folder(new TinyOnnxBert());
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), ["[PAD]", "[UNK]", "a"]);
        var e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("3 tokens", e.Message);
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), Enumerable.Range(0, TinyOnnxBert.V).Select(i => i == 1 ? "[PAD]" : $"t{i}"));
        e = Assert.Throws<InvalidDataException>(() => PretrainedBert.Load(folder, "tiny"));
        Assert.Contains("[PAD] at id 0", e.Message);
    }

    [Fact]
    public void A_configuration_that_differs_from_the_encoder_is_refused_naming_the_field()
    {
        PretrainedBert bert = PretrainedBert.Load(Folder(new TinyOnnxBert()), "tiny");
        var e = Assert.Throws<ArgumentException>(() => EncoderClassifier.FromPretrained(bert, Heads(bert) with { HeadCount = 4 }, seed: 1));
        Assert.Contains("HeadCount", e.Message);
        e = Assert.Throws<ArgumentException>(() => EncoderClassifier.FromPretrained(bert, Heads(bert) with { LayerNormEpsilon = 1e-5f }, seed: 1));
        Assert.Contains("LayerNormEpsilon", e.Message);
    }

    [Fact]
    public void A_bert_model_saves_and_loads_with_its_configuration()
    {
        PretrainedBert bert = PretrainedBert.Load(Folder(new TinyOnnxBert()), "tiny");
        var model = EncoderClassifier.FromPretrained(bert, Heads(bert) with { Pooling = PoolingKind.AttentionAndMean }, seed: 4);
        var batch = new TokenBatch(2, 6);
        batch.Add([2, 5, 7, 3]);
        batch.Add([2, 9, 4, 11, 6, 3]);
        batch.SetLastRowTokenTypes([0, 0, 0, 1, 1, 1]);
        var before = new float[2 * 3];
        model.Predict(batch, before);

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = EncoderClassifier.Load(stream);
        Assert.Equal(EncoderKind.Bert, loaded.Config.Encoder);
        Assert.Equal(2, loaded.Config.TokenTypeCount);
        Assert.Equal(1e-12f, loaded.Config.LayerNormEpsilon);
        Assert.Equal(model.Config, loaded.Config);
        var after = new float[2 * 3];
        loaded.Predict(batch, after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Token_types_change_the_output_and_are_checked_against_the_table()
    {
        PretrainedBert bert = PretrainedBert.Load(Folder(new TinyOnnxBert()), "tiny");
        var model = EncoderClassifier.FromPretrained(bert, Heads(bert), seed: 4);
        var batch = new TokenBatch(1, 4);
        batch.Add([2, 5, 7, 3]);
        var plain = new float[3];
        model.Predict(batch, plain);
        batch.SetLastRowTokenTypes([0, 0, 1, 1]);
        var typed = new float[3];
        model.Predict(batch, typed);
        Assert.NotEqual(plain, typed);
        batch.SetLastRowTokenTypes([0, 0, 2, 1]);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(batch, typed));
        Assert.Contains("token type 2", e.Message);
    }
}
