// The weights file: save → load gives identical parameters and predictions; truncated, foreign,
// wrong-version, wrong-shape, missing-tensor and extra-tensor files are rejected with messages that
// say what is wrong.
using System.Text;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Serialization;
using MlNetAttention.Neural.Tests.Layers;

namespace MlNetAttention.Neural.Tests.Serialization;

public sealed class WeightsFileTests
{
    private static EncoderClassifier Trained()
    {
        var model = new EncoderClassifier(SmallModels.Config() with { Pooling = PoolingKind.AttentionAndMean, WordDropout = 0.1f }, seed: 3);
        model.TrainStep(SmallModels.Batch([4, 2], [0, 2]), 1e-2f);
        return model;
    }

    private static byte[] Bytes(EncoderClassifier model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Save_then_load_gives_the_same_model()
    {
        EncoderClassifier model = Trained();
        EncoderClassifier loaded = EncoderClassifier.Load(new MemoryStream(Bytes(model)));
        Assert.Equal(model.Config, loaded.Config);
        Assert.True(model.Parameters.Values.SequenceEqual(loaded.Parameters.Values));
        TokenBatch batch = SmallModels.Batch([5, 1, 0], [-1, -1, -1]);
        float[] expected = new float[9], actual = new float[9];
        model.Predict(batch, expected);
        loaded.Predict(batch, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Truncated_files_are_rejected_at_every_cut()
    {
        byte[] bytes = Bytes(Trained());
        foreach (int cut in new[] { 0, 4, 8, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            var e = Assert.Throws<InvalidDataException>(() => EncoderClassifier.Load(new MemoryStream(bytes, 0, cut)));
            Assert.Contains("truncated", e.Message);
        }
    }

    [Fact]
    public void Foreign_files_are_rejected()
    {
        Assert.Contains("not a safetensors", Assert.Throws<InvalidDataException>(() =>
            EncoderClassifier.Load(new MemoryStream(Encoding.UTF8.GetBytes("PK\u0003\u0004 this is a zip, not weights")))).Message);
        Assert.Contains("not a safetensors", Assert.Throws<InvalidDataException>(() =>
            EncoderClassifier.Load(new MemoryStream([16, 0, 0, 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes("[1, 2, 3]       ")]))).Message);

        // A valid safetensors file that is not ours: no format tag.
        using var other = new MemoryStream();
        SafeTensors.Write(other, new Dictionary<string, string> { ["format"] = "pt" }, [("w", [2], new float[] { 1, 2 })]);
        Assert.Contains("not an MlNetAttention weights file", Assert.Throws<InvalidDataException>(() =>
            EncoderClassifier.Load(new MemoryStream(other.ToArray()))).Message);
    }

    [Fact]
    public void Wrong_version_shape_missing_and_extra_tensors_are_rejected()
    {
        EncoderClassifier model = Trained();
        ParameterArena arena = model.Parameters;
        var tensors = arena.Tensors.Select(t => (t.Name, t.Shape, (ReadOnlyMemory<float>)arena.ValuesOf(t).ToArray())).ToList();
        var metadata = new Dictionary<string, string> { ["format"] = WeightsFile.FormatTag, ["version"] = "1", ["config"] = model.Config.ToJson() };

        string Error(Dictionary<string, string> m, List<(string, IReadOnlyList<int>, ReadOnlyMemory<float>)> t)
        {
            using var stream = new MemoryStream();
            SafeTensors.Write(stream, m, t);
            return Assert.Throws<InvalidDataException>(() => EncoderClassifier.Load(new MemoryStream(stream.ToArray()))).Message;
        }

        Assert.Contains("version 2 is not supported", Error(new(metadata) { ["version"] = "2" }, tensors));
        Assert.Contains("invalid configuration", Error(new(metadata) { ["config"] = "{\"ClassCount\": 3}" }, tensors));

        var reshaped = tensors.ToList();
        int i = reshaped.FindIndex(t => t.Name == "classifier.weight");
        reshaped[i] = (reshaped[i].Name, [reshaped[i].Shape[1], reshaped[i].Shape[0]], reshaped[i].Item3);
        Assert.Contains("'classifier.weight' has shape", Error(metadata, reshaped));

        Assert.Contains("lacks tensor 'final_norm.bias'", Error(metadata, tensors.Where(t => t.Name != "final_norm.bias").ToList()));
        Assert.Contains("unexpected tensors: surplus", Error(metadata, [.. tensors, ("surplus", [1], new float[] { 0 })]));
    }

    [Fact]
    public void Header_names_every_tensor_with_its_shape_and_the_config()
    {
        var (config, tensors) = WeightsFile.Read(new MemoryStream(Bytes(Trained())));
        Assert.Equal(PoolingKind.AttentionAndMean, config.Pooling);
        var expected = new EncoderClassifier(config, 0).Parameters.Tensors;
        Assert.Equal(expected.Select(t => t.Name), tensors.Select(t => t.Name));
        Assert.All(tensors.Zip(expected), pair => Assert.Equal(pair.Second.Shape, pair.First.Shape));
    }
}
