// A pretrained BERT-style encoder read from a folder (or two files): model.onnx, an ONNX export of the
// encoder whose weights OnnxBertImport maps onto BertParameters, and vocab.txt, its WordPiece
// vocabulary (one token a line, id = line number). Only the weights are read from the ONNX file; no
// ONNX runtime is involved. The identity saved with a model is (Name, ModelSha256).
// The engine's packed batches use id 0 for padding, so the vocabulary must have [PAD] at line 0, as
// BERT vocabularies do; [UNK] is where word dropout sends dropped tokens.
using System.Security.Cryptography;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Pretrained;

public sealed class PretrainedBert
{
    private readonly Dictionary<string, (int[] Shape, float[] Values)> _tensors;

    private PretrainedBert(string name, string modelPath, string vocabularyPath, string sha256, BertShape shape,
        IReadOnlyList<string> vocabulary, int unknownTokenId, Dictionary<string, (int[] Shape, float[] Values)> tensors)
    {
        Name = name;
        ModelPath = modelPath;
        VocabularyPath = vocabularyPath;
        ModelSha256 = sha256;
        Shape = shape;
        Vocabulary = vocabulary;
        UnknownTokenId = unknownTokenId;
        _tensors = tensors;
    }

    /// <summary>The encoder's name (e.g. "minilm"), or the folder's name when loaded from a path.</summary>
    public string Name { get; }

    public string ModelPath { get; }

    public string VocabularyPath { get; }

    /// <summary>SHA-256 of model.onnx, lower-case hex: the encoder's identity.</summary>
    public string ModelSha256 { get; }

    /// <summary>Layers, widths, heads, positions, token types and epsilon, as read from the file.</summary>
    public BertShape Shape { get; }

    /// <summary>The WordPiece vocabulary, id = index.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The id of [UNK].</summary>
    public int UnknownTokenId { get; }

    /// <summary>Reads <c>model.onnx</c> and <c>vocab.txt</c> from <paramref name="folder"/>.</summary>
    public static PretrainedBert Load(string folder, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"encoder folder not found: {folder}");
        return Load(Path.Combine(folder, EncoderCache.ModelFileName), Path.Combine(folder, EncoderCache.VocabularyFileName),
            name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));
    }

    /// <summary>Reads an ONNX BERT encoder and its vocabulary file.</summary>
    /// <exception cref="InvalidDataException">A tensor is missing, misshapen or unexpected, or the vocabulary does not fit.</exception>
    public static PretrainedBert Load(string modelPath, string vocabularyPath, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabularyPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"encoder model not found: {modelPath}", modelPath);
        if (!File.Exists(vocabularyPath)) throw new FileNotFoundException($"encoder vocabulary not found: {vocabularyPath}", vocabularyPath);
        byte[] model = File.ReadAllBytes(modelPath);
        var (shape, tensors) = OnnxBertImport.Read(model, modelPath);
        string[] vocabulary = File.ReadAllLines(vocabularyPath);
        if (vocabulary.Length > 0 && vocabulary[^1].Length == 0) vocabulary = vocabulary[..^1];
        if (vocabulary.Length != shape.VocabularySize)
            throw new InvalidDataException($"{vocabularyPath}: {vocabulary.Length} tokens, but {modelPath} has {shape.VocabularySize} word embeddings.");
        if (vocabulary[0] != "[PAD]")
            throw new InvalidDataException($"{vocabularyPath}: line 1 is '{vocabulary[0]}'; the engine needs [PAD] at id 0.");
        int unknown = Array.IndexOf(vocabulary, "[UNK]");
        if (unknown < 1) throw new InvalidDataException($"{vocabularyPath}: no [UNK] token.");
        return new PretrainedBert(name, modelPath, vocabularyPath, Convert.ToHexStringLower(SHA256.HashData(model)), shape,
            vocabulary, unknown, tensors);
    }

    /// <summary>
    /// <paramref name="heads"/> with this encoder's fields (Encoder = Bert, sizes, epsilon, positions,
    /// token types, UnknownTokenId) set; the heads, dropouts and n-gram bag stay as given.
    /// </summary>
    public EncoderClassifierConfig Configure(EncoderClassifierConfig heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        return Shape.ApplyTo(heads) with { UnknownTokenId = UnknownTokenId };
    }

    /// <summary>Copies the encoder's weights into the arena of a model configured by <see cref="Configure"/>.</summary>
    internal void CopyInto(ParameterArena arena)
    {
        foreach (var (name, (shape, values)) in _tensors)
        {
            ParameterTensor target = arena[name];
            if (!target.Shape.SequenceEqual(shape))
                throw new ArgumentException($"parameter '{name}' has shape ({string.Join(", ", target.Shape)}); the encoder's is ({string.Join(", ", shape)}).", nameof(arena));
            values.CopyTo(arena.ValuesOf(target));
        }
    }
}
