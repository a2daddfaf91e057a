// The engine's weights file: a safetensors container (see SafeTensors) whose metadata identifies it
// and carries the model configuration, and whose tensors are the parameter arena, one per name.
// Binary format (version 1):
//   safetensors header metadata:  "format"  = "MlNetAttention.EncoderClassifier"
//                                 "version" = "1"
//                                 "config"  = EncoderClassifierConfig as JSON
//   tensors (F32), in arena order: every ParameterTensor by name with its exact shape.
// Loading checks the format tag, the version, the configuration, and that the file holds exactly the
// tensors the configuration implies, each with the expected shape; anything else is rejected with an
// InvalidDataException that names the problem. Optimizer state is not saved: a file is a model.
using System.Globalization;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Serialization;

public static class WeightsFile
{
    public const string FormatTag = "MlNetAttention.EncoderClassifier";
    public const int CurrentVersion = 1;

    /// <summary>Writes the configuration and every parameter (binary format above).</summary>
    public static void Write(Stream stream, EncoderClassifierConfig config, ParameterArena parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parameters);
        var metadata = new Dictionary<string, string>
        {
            ["format"] = FormatTag,
            ["version"] = CurrentVersion.ToString(CultureInfo.InvariantCulture),
            ["config"] = config.ToJson(),
        };
        var tensors = parameters.Tensors
            .Select(t => (t.Name, t.Shape, (ReadOnlyMemory<float>)parameters.ValueMemory(t)))
            .ToList();
        SafeTensors.Write(stream, metadata, tensors);
    }

    /// <summary>Reads the configuration of a weights file (binary format above) and its tensors.</summary>
    /// <exception cref="InvalidDataException">Truncated, foreign, or of an unsupported version.</exception>
    public static (EncoderClassifierConfig Config, IReadOnlyList<SafeTensor> Tensors) Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (metadata, tensors) = SafeTensors.Read(stream);
        if (!metadata.TryGetValue("format", out string? format) || format != FormatTag)
            throw new InvalidDataException($"not an MlNetAttention weights file: metadata 'format' is '{format ?? "(missing)"}', expected '{FormatTag}'.");
        if (!metadata.TryGetValue("version", out string? versionText) || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            throw new InvalidDataException($"weights file has no valid 'version' (got '{versionText ?? "(missing)"}').");
        if (version != CurrentVersion)
            throw new InvalidDataException($"weights file version {version} is not supported (this build reads version {CurrentVersion}).");
        if (!metadata.TryGetValue("config", out string? configJson))
            throw new InvalidDataException("weights file has no 'config' metadata.");
        EncoderClassifierConfig config;
        try
        {
            config = EncoderClassifierConfig.FromJson(configJson);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"weights file has an invalid configuration: {e.Message}", e);
        }
        return (config, tensors);
    }

    /// <summary>
    /// Copies <paramref name="tensors"/> into <paramref name="parameters"/>, checking that every
    /// expected name is present exactly once with its shape and F32 type, and that nothing else is.
    /// </summary>
    public static void CopyInto(ParameterArena parameters, IReadOnlyList<SafeTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tensors);
        var byName = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (SafeTensor t in tensors)
        {
            if (!byName.TryAdd(t.Name, t)) throw new InvalidDataException($"weights file holds tensor '{t.Name}' twice.");
        }
        foreach (ParameterTensor expected in parameters.Tensors)
        {
            if (!byName.Remove(expected.Name, out SafeTensor? found))
                throw new InvalidDataException($"weights file lacks tensor '{expected.Name}' ({string.Join(", ", expected.Shape)}).");
            if (found.Floats is null)
                throw new InvalidDataException($"tensor '{expected.Name}' is {found.DType}; expected F32.");
            if (!found.Shape.SequenceEqual(expected.Shape))
                throw new InvalidDataException($"tensor '{expected.Name}' has shape ({string.Join(", ", found.Shape)}); expected ({string.Join(", ", expected.Shape)}).");
            found.Floats.CopyTo(parameters.ValuesOf(expected));
        }
        if (byName.Count > 0)
            throw new InvalidDataException($"weights file holds unexpected tensors: {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))}.");
    }
}
