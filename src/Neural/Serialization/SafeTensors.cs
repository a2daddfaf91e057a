// Reader and writer of the safetensors layout (https://github.com/huggingface/safetensors, format
// description in its README), the container of the engine's weights files and of its PyTorch test
// fixtures. Binary format:
//   u64 little-endian  N, the header's byte length
//   N bytes            UTF-8 JSON object: "__metadata__": {string: string} (optional), and per tensor
//                      "name": {"dtype": "F32" | "I32", "shape": [d0, d1, ...], "data_offsets": [begin, end]}
//                      (padded with spaces to a multiple of 8 bytes)
//   data               the tensors' little-endian bytes; offsets are relative to the start of data,
//                      and the tensors tile it without gaps or overlaps.
// Every check names what is wrong; a truncated or foreign stream gives InvalidDataException, never a
// crash deep inside. Only F32 and I32 are supported: that is all the engine writes or reads.
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MlNetAttention.Neural.Serialization;

/// <summary>One tensor of a safetensors file: its element type, shape and data.</summary>
public sealed class SafeTensor
{
    internal SafeTensor(string name, string dtype, int[] shape, float[]? floats, int[]? ints)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Floats = floats;
        Ints = ints;
    }

    public string Name { get; }

    /// <summary>"F32" or "I32".</summary>
    public string DType { get; }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>The data when DType is F32, else null.</summary>
    public float[]? Floats { get; }

    /// <summary>The data when DType is I32, else null.</summary>
    public int[]? Ints { get; }

    public int ElementCount => Floats?.Length ?? Ints!.Length;
}

public static class SafeTensors
{
    /// <summary>Longest header accepted (the reference implementation's limit): 100 MB.</summary>
    public const int MaxHeaderBytes = 100_000_000;

    /// <summary>Writes metadata and float tensors, in the given order.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, string> metadata,
        IReadOnlyList<(string Name, IReadOnlyList<int> Shape, ReadOnlyMemory<float> Data)> tensors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(tensors);
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("__metadata__");
            foreach (var (key, value) in metadata) writer.WriteString(key, value);
            writer.WriteEndObject();
            long offset = 0;
            foreach (var (name, shape, data) in tensors)
            {
                long elements = 1;
                foreach (int d in shape) elements *= d;
                if (elements != data.Length)
                    throw new ArgumentException($"tensor '{name}' has {data.Length} values for shape ({string.Join(", ", shape)}).", nameof(tensors));
                writer.WriteStartObject(name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (int d in shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + 4L * data.Length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += 4L * data.Length;
            }
            writer.WriteEndObject();
        }
        int padding = (int)((8 - json.Length % 8) % 8);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)(json.Length + padding));
        stream.Write(prefix);
        stream.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
        for (int i = 0; i < padding; i++) stream.WriteByte((byte)' ');
        Span<byte> word = stackalloc byte[4];
        foreach (var (_, _, data) in tensors)
        {
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(data.Span));
                continue;
            }
            foreach (float v in data.Span)
            {
                BinaryPrimitives.WriteSingleLittleEndian(word, v);
                stream.Write(word);
            }
        }
    }

    /// <summary>Reads a whole safetensors stream: metadata and tensors by name, in file order.</summary>
    /// <exception cref="InvalidDataException">The stream is truncated, malformed, or not safetensors.</exception>
    public static (IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<SafeTensor> Tensors) Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, "the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength < 2 || headerLength > MaxHeaderBytes)
            throw new InvalidDataException($"not a safetensors stream: header length {headerLength} is outside [2, {MaxHeaderBytes}].");
        if (stream.CanSeek && (long)headerLength > stream.Length - stream.Position)
            throw new InvalidDataException($"truncated safetensors stream: header of {headerLength} bytes, only {stream.Length - stream.Position} left.");
        var header = new byte[headerLength];
        ReadExactly(stream, header, "the JSON header");
        if (header[0] != (byte)'{')
            throw new InvalidDataException("not a safetensors stream: the header does not start with '{'.");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<(string Name, string DType, int[] Shape, long Begin, long End)>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(header.AsMemory().TrimEnd((byte)' '));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException("not a safetensors stream: the header is not a JSON object.");
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (JsonProperty m in property.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.GetString() ?? throw new InvalidDataException($"metadata '{m.Name}' is null.");
                    continue;
                }
                entries.Add(ParseEntry(property));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"not a safetensors stream: the header is not valid JSON of the expected shape ({e.Message}).", e);
        }

        entries.Sort((x, y) => x.Begin.CompareTo(y.Begin));
        long expected = 0;
        foreach (var e in entries)
        {
            if (e.Begin != expected)
                throw new InvalidDataException($"tensor '{e.Name}' starts at byte {e.Begin}; expected {expected} (gap or overlap in the data).");
            expected = e.End;
        }
        var data = new byte[expected];
        ReadExactly(stream, data, $"{expected} bytes of tensor data");

        var tensors = new List<SafeTensor>(entries.Count);
        foreach (var (name, dtype, shape, begin, end) in entries)
        {
            ReadOnlySpan<byte> bytes = data.AsSpan((int)begin, (int)(end - begin));
            if (dtype == "F32")
            {
                var floats = new float[bytes.Length / 4];
                for (int i = 0; i < floats.Length; i++) floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i));
                tensors.Add(new SafeTensor(name, dtype, shape, floats, null));
            }
            else
            {
                var ints = new int[bytes.Length / 4];
                for (int i = 0; i < ints.Length; i++) ints[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4 * i));
                tensors.Add(new SafeTensor(name, dtype, shape, null, ints));
            }
        }
        return (metadata, tensors);
    }

    private static (string, string, int[], long, long) ParseEntry(JsonProperty property)
    {
        JsonElement e = property.Value;
        string dtype = e.GetProperty("dtype").GetString() ?? "";
        if (dtype is not ("F32" or "I32"))
            throw new InvalidDataException($"tensor '{property.Name}' has dtype {dtype}; only F32 and I32 are supported.");
        var shape = new List<int>();
        long elements = 1;
        foreach (JsonElement d in e.GetProperty("shape").EnumerateArray())
        {
            int size = d.GetInt32();
            if (size < 0) throw new InvalidDataException($"tensor '{property.Name}' has a negative dimension {size}.");
            shape.Add(size);
            elements *= size;
        }
        JsonElement offsets = e.GetProperty("data_offsets");
        if (offsets.GetArrayLength() != 2) throw new InvalidDataException($"tensor '{property.Name}' needs two data_offsets.");
        long begin = offsets[0].GetInt64(), end = offsets[1].GetInt64();
        if (begin < 0 || end - begin != 4 * elements || end > int.MaxValue)
            throw new InvalidDataException($"tensor '{property.Name}': data_offsets [{begin}, {end}] do not hold {elements} 4-byte elements.");
        return (property.Name, dtype, shape.ToArray(), begin, end);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new InvalidDataException($"truncated safetensors stream: expected {what}, got {read} of {buffer.Length} bytes.");
    }
}
