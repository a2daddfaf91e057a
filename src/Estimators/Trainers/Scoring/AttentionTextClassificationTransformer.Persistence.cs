// Saving the fitted classifier into its folder of a model .zip, and loading it back. Everything the
// transformer needs is in the file: the tokenizer (vocabulary and options), the classes (count,
// KeyValues type and values), every training option (so a loaded model reports how it was trained),
// the training summary (with the adapted sequence length), and the engine's weights file (its own
// format tag, version and configuration). Loading checks each part and that they agree with each
// other; any problem is an InvalidDataException or FormatException naming the model file and entry.
using System.Text.Json;
using System.Text.Json.Serialization;
using MlNetAttention.Data;
using MlNetAttention.Neural.Model;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

public sealed partial class AttentionTextClassificationTransformer
{
    private const int FormatVersion = 1;
    private const string ModelEntry = "model.json";
    private const string TokenizerEntry = "tokenizer.bin";
    private const string WeightsEntry = "weights.safetensors";

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
        AttentionTextClassificationTrainer.Options Options, TrainingSummary Summary);

    public void Save(ModelSaveContext context)
    {
        // Binary format, version 1 (entries of this stage's folder):
        //   model.json           { formatVersion: 1, writer, classes: { count, valueType (a DataViewType name,
        //                          null when the label had no KeyValues), names }, options, summary }
        //   tokenizer.bin        Tokenizer.Save (its own magic and version)
        //   weights.safetensors  EncoderClassifier.Save (format tag, version, configuration, tensors)
        ArgumentNullException.ThrowIfNull(context);
        var classes = new SavedClasses(_classes.Count, _classes.ValueType is { } t ? DataViewTypeFormat.Format(t) : null, [.. _classes.Names]);
        var model = new SavedModel(FormatVersion, Writer, classes, _options, TrainingSummary);
        context.WriteText(ModelEntry, JsonSerializer.Serialize(model, Json));
        using (var stream = context.CreateEntry(TokenizerEntry)) Tokenizer.Save(stream);
        using (var stream = context.CreateEntry(WeightsEntry)) stream.Write(_weights);
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A missing, truncated or corrupted entry.</exception>
    /// <exception cref="FormatException">Content that is not what this version writes, or parts that disagree.</exception>
    public static AttentionTextClassificationTransformer Load(ModelLoadContext context)
    {
        // Binary format, version 1: see Save.
        ArgumentNullException.ThrowIfNull(context);
        SavedModel saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedModel>(context.ReadText(ModelEntry), Json)
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
            AttentionTextClassificationTrainer.Validate(saved.Options);
        }
        catch (ArgumentException e)
        {
            throw context.Error(ModelEntry, $"invalid training options ({e.Message})", e);
        }

        ClassLabels classes;
        try
        {
            PrimitiveDataViewType? valueType = saved.Classes.ValueType is null ? null
                : DataViewTypeFormat.Parse(saved.Classes.ValueType) as PrimitiveDataViewType
                  ?? throw new FormatException($"'{saved.Classes.ValueType}' is not a primitive type");
            classes = ClassLabels.FromSaved(saved.Classes.Count, valueType, saved.Classes.Names ?? []);
        }
        catch (FormatException e)
        {
            throw context.Error(ModelEntry, $"invalid classes ({e.Message})", e);
        }

        var tokenizer = context.ReadBinary(TokenizerEntry, reader => Tokenizer.Load(reader.BaseStream));
        byte[] weights = context.ReadBinary(WeightsEntry, reader =>
        {
            using var copy = new MemoryStream();
            reader.BaseStream.CopyTo(copy);
            return copy.ToArray();
        });
        EncoderClassifier model;
        try
        {
            model = InferenceModelPool.Create(weights, saved.Options.NumberOfThreads ?? 0);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"Model file '{context.Source}': entry '{context.Folder + WeightsEntry}' is not a valid weights file: {e.Message}", e);
        }

        var config = model.Config;
        if (config.VocabularySize != tokenizer.VocabularySize)
            throw context.Error(WeightsEntry, $"the weights have {config.VocabularySize} token embeddings but the tokenizer has {tokenizer.VocabularySize} tokens");
        if (config.ClassCount != classes.Count)
            throw context.Error(WeightsEntry, $"the weights score {config.ClassCount} classes but {ModelEntry} lists {classes.Count}");
        if (saved.Summary.MaximumSequenceLength < 3 || saved.Summary.MaximumSequenceLength > config.MaxLength)
            throw context.Error(ModelEntry, $"maximum sequence length {saved.Summary.MaximumSequenceLength} does not fit the weights' {config.MaxLength}");
        return new AttentionTextClassificationTransformer(tokenizer, weights, model, classes, saved.Options, saved.Summary);
    }

    private static readonly string Writer =
        $"MlNetAttention.Estimators {typeof(AttentionTextClassificationTransformer).Assembly.GetName().Version}";
}
