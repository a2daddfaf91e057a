// Saving the fitted classifier into its folder of an ML.NET model .zip (mlContext.Model.Save writes the
// whole chain; ML.NET hands each transformer its folder), and loading it back. Everything the
// transformer needs is in the file: the tokenizer (vocabulary and options), the classes (count,
// KeyValues type and values), every training option (so a loaded model reports how it was trained),
// the training summary (with the adapted sequence length), and the engine's weights file (its own
// format tag, version and configuration). Loading checks each part and that they agree with each
// other; any problem is an InvalidDataException naming the model file (when known) and the entry.
// Integrity: the zip format does not make every reader verify its CRCs, and a flipped bit inside
// deflated weights can still inflate to (wrong) floats, so checksums.txt holds the SHA-256 of each of
// the three entries and Load verifies them before using any: damage is an error, never a silently
// different model.
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML.Runtime;
using MlNetAttention.MlNetInternals;
using MlNetAttention.Neural.Model;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

public sealed partial class AttentionTextClassificationTransformer
{
    // 2: the n-gram bag and the automatic choices (epochs, patience, bag buckets) joined the options and
    // the summary; a format-1 file's missing keys would read as today's defaults, so it is refused.
    // 3: the bag's subword features joined the options (on by default): a format-2 file has none, but
    // its missing keys would read as 3–5, so it is refused too.
    // 4: saved inside ML.NET's own model zip (the folder ML.NET gives the transformer), with ML.NET's
    // VersionInfo header; the output columns follow ML.NET's multiclass trainers.
    // 5: pretrained encoders (issue 11): the options gained Encoder, and model.json a "pretrainedEncoder"
    // entry (name, SHA-256 of model.onnx, shape) from which, with the options, the BERT configuration of
    // the weights is described; a format-4 file would read as Encoder "scratch", which is right, but a
    // reader of format 4 cannot read a format-5 model's BERT weights, so the version moves on.
    private const int FormatVersion = 5;

    /// <summary>The loader signature ML.NET registers our loader under (MlNetInternals.TransformerLoader).</summary>
    internal const string LoaderSignature = "AttnTextClassifier";

    /// <summary>The header ML.NET stamps on our folder: model signature (8 characters), format version, loader.</summary>
    internal static readonly ModelIdentity Identity = new("ATTNTXTC", FormatVersion, LoaderSignature);
    private const string ModelEntry = "model.json";
    private const string TokenizerEntry = "tokenizer.bin";
    private const string WeightsEntry = "weights.safetensors";
    private const string ChecksumsEntry = "checksums.txt";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // MaximumGradientNorm may be +∞
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record SavedClasses(int Count, string? ValueType, List<string> Names);

    private sealed record SavedModel(int FormatVersion, string Writer, SavedClasses Classes,
        AttentionTextClassificationTrainer.Options Options, TrainingSummary Summary, PretrainedEncoderIdentity? PretrainedEncoder = null);

    internal void Save(ModelEntryWriter context)
    {
        // Binary format, version 5 (entries of this transformer's folder, beside ML.NET's Model.key header):
        //   model.json           { formatVersion: 5, writer, classes: { count, valueType (a DataViewType name,
        //                          null when the label had no KeyValues), names }, options, summary,
        //                          pretrainedEncoder: null, or { name, modelSha256, shape: BertShape } }
        //   tokenizer.bin        Tokenizer.Save (its own magic and version; a pretrained encoder's vocab.txt)
        //   weights.safetensors  EncoderClassifier.Save (format tag, version, configuration, tensors)
        //   checksums.txt        one line per entry above: "<lower-case hex SHA-256> <entry name>"
        var classes = new SavedClasses(_classes.Count, _classes.ValueType is { } t ? ClassLabels.TypeName(t) : null, [.. _classes.Names]);
        var model = new SavedModel(FormatVersion, Writer, classes, _options, TrainingSummary, PretrainedEncoder);
        byte[] modelJson = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(model, Json));
        using var tokenizer = new MemoryStream();
        Tokenizer.Save(tokenizer);
        var entries = new (string Name, byte[] Content)[]
        {
            (ModelEntry, modelJson), (TokenizerEntry, tokenizer.ToArray()), (WeightsEntry, _weights),
        };
        foreach (var (name, content) in entries) context.WriteBytes(name, content);
        context.WriteText(ChecksumsEntry, string.Concat(entries.Select(e => $"{Checksum(e.Content)} {e.Name}\n")));
    }

    private static string Checksum(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The bytes of entry <paramref name="name"/>, checked against checksums.txt.</summary>
    private static byte[] ReadVerified(ModelEntryReader context, string name, IReadOnlyDictionary<string, string> checksums)
    {
        byte[] content = context.ReadBytes(name);
        if (!checksums.TryGetValue(name, out string? expected))
            throw context.Error(ChecksumsEntry, $"it has no checksum for '{name}'");
        if (Checksum(content) != expected)
            throw context.Error(name, $"the entry is corrupted (its SHA-256 does not match {ChecksumsEntry})");
        return content;
    }

    private static Dictionary<string, string> ReadChecksums(ModelEntryReader context)
    {
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in context.ReadText(ChecksumsEntry).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ');
            if (space != 64) throw context.Error(ChecksumsEntry, "a line is not '<SHA-256> <entry>'");
            checksums[line[(space + 1)..]] = line[..space];
        }
        return checksums;
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A missing, truncated or corrupted entry, content that is not
    /// what this version writes, or parts that disagree.</exception>
    internal static AttentionTextClassificationTransformer Load(ModelEntryReader context)
    {
        // Binary format, version 5: see Save.
        var checksums = ReadChecksums(context);
        byte[] modelJson = ReadVerified(context, ModelEntry, checksums);
        byte[] tokenizerBytes = ReadVerified(context, TokenizerEntry, checksums);
        byte[] weights = ReadVerified(context, WeightsEntry, checksums);
        SavedModel saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedModel>(modelJson, Json)
                ?? throw context.Error(ModelEntry, "the JSON value is null");
        }
        catch (JsonException e)
        {
            throw context.Error(ModelEntry, $"invalid JSON ({e.Message})", e);
        }
        if (saved.FormatVersion != FormatVersion)
            throw context.Error(ModelEntry, $"format version {saved.FormatVersion} is not supported (this library reads {FormatVersion})");
        if (saved.Options is null || saved.Summary is null || saved.Classes is null)
            throw context.Error(ModelEntry, "options, summary or classes are missing");
        try
        {
            AttentionTextClassificationTrainer.Validate(saved.Options, checkEncoderFolder: false); // the folder is not needed now
        }
        catch (ArgumentException e)
        {
            throw context.Error(ModelEntry, $"invalid training options ({e.Message})", e);
        }

        bool pretrained = PretrainedEncoders.IsPretrained(saved.Options.Encoder);
        if (pretrained != saved.PretrainedEncoder is not null)
            throw context.Error(ModelEntry, pretrained ? $"encoder '{saved.Options.Encoder}' has no pretrainedEncoder entry"
                : "a pretrainedEncoder entry for a model trained from scratch");
        if (saved.PretrainedEncoder is { } identity && (identity.Name is null || identity.ModelSha256 is null || identity.Shape is null))
            throw context.Error(ModelEntry, "the pretrainedEncoder entry lacks its name, modelSha256 or shape");

        ClassLabels classes;
        try
        {
            PrimitiveDataViewType? valueType = saved.Classes.ValueType is null ? null
                : ClassLabels.ParseTypeName(saved.Classes.ValueType);
            classes = ClassLabels.FromSaved(saved.Classes.Count, valueType, saved.Classes.Names ?? []);
        }
        catch (FormatException e)
        {
            throw context.Error(ModelEntry, $"invalid classes ({e.Message})", e);
        }

        Tokenizer tokenizer;
        try
        {
            tokenizer = Tokenizer.Load(new MemoryStream(tokenizerBytes, writable: false));
        }
        catch (InvalidDataException e)
        {
            throw context.Error(TokenizerEntry, $"not a valid tokenizer ({e.Message})", e);
        }
        EncoderClassifier model;
        try
        {
            // The bag's subword rows are rebuilt from the vocabulary for the weights' own configuration.
            model = InferenceModelPool.Create(weights, saved.Options.NumberOfThreads ?? 0, config => TokenSubwords.For(tokenizer, config));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw context.Error(WeightsEntry, $"not a valid weights file ({e.Message})", e);
        }

        var config = model.Config;
        if (config.VocabularySize != tokenizer.VocabularySize)
            throw context.Error(WeightsEntry, $"the weights have {config.VocabularySize} token embeddings but the tokenizer has {tokenizer.VocabularySize} tokens");
        if (config.ClassCount != classes.Count)
            throw context.Error(WeightsEntry, $"the weights score {config.ClassCount} classes but {ModelEntry} lists {classes.Count}");
        if (saved.Summary.MaximumSequenceLength < 3 || saved.Summary.MaximumSequenceLength > config.MaxLength)
            throw context.Error(ModelEntry, $"maximum sequence length {saved.Summary.MaximumSequenceLength} does not fit the weights' {config.MaxLength}");
        if (saved.Summary.NgramMaximumLength != 0
            && (!config.UsesNgramBag || saved.Summary.NgramMaximumLength <= saved.Summary.MaximumSequenceLength
                || saved.Summary.NgramMaximumLength > AttentionTextClassificationTrainer.NgramMaximumLengthLimit))
            throw context.Error(ModelEntry, $"n-gram bag length {saved.Summary.NgramMaximumLength} does not fit the weights and the sequence length");
        // Every engine setting follows from the saved options and choices, exactly as Fit derived it: a
        // description that disagrees with its weights anywhere (not only in the bag) is refused.
        var described = AttentionTextClassificationTrainer.ModelConfig(saved.Options, tokenizer, classes.Count,
            saved.Summary.MaximumSequenceLength, saved.Summary.NgramBuckets, saved.PretrainedEncoder?.Shape);
        if (described != config)
            throw context.Error(ModelEntry, $"the options and summary describe another model than the weights ({Differences(described, config)})");
        return new AttentionTextClassificationTransformer(tokenizer, weights, model, classes, saved.Options, saved.Summary,
            saved.PretrainedEncoder);
    }

    /// <summary>"Name described ≠ weights" for each stored setting where the two configurations differ.</summary>
    private static string Differences(EncoderClassifierConfig described, EncoderClassifierConfig weights) =>
        string.Join("; ", typeof(EncoderClassifierConfig).GetProperties()
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && !Equals(p.GetValue(described), p.GetValue(weights)))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.GetValue(described)} in {ModelEntry}, {p.GetValue(weights)} in the weights")));

    private static readonly string Writer =
        $"MlNetAttention.Estimators {typeof(AttentionTextClassificationTransformer).Assembly.GetName().Version}";
}
