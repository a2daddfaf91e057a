// The parts of an ONNX model (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) that weight
// import needs, read with ProtoReader: the graph's nodes (op type, inputs, outputs, attributes) and
// its float initializers. Field numbers, from onnx.proto:
//   ModelProto:  7 graph
//   GraphProto:  1 node (repeated), 5 initializer (repeated)
//   NodeProto:   1 input, 2 output, 3 name, 4 op_type (strings), 5 attribute (repeated)
//   AttributeProto: 1 name, 2 f (float), 3 i (int64), 5 t (TensorProto)
//   TensorProto: 1 dims (int64, packed or not), 2 data_type (1 = FLOAT, 7 = INT64), 4 float_data (packed),
//                7 int64_data, 8 name, 9 raw_data (little-endian), 14 data_location (1 = EXTERNAL)
// Tensors stored outside the file (external data) are refused with a clear error: the packages ship
// single-file models.
using System.Runtime.InteropServices;

namespace MlNetAttention.Neural.Pretrained;

/// <summary>One tensor of an ONNX file (an initializer or a Constant node's value).</summary>
internal sealed class OnnxTensor
{
    public const int Float = 1, Int64 = 7;

    public required string Name { get; init; }
    public required int DataType { get; init; }
    public required long[] Dims { get; init; }
    public float[]? Floats { get; init; }
    public long[]? Int64s { get; init; }

    public long ElementCount => Dims.Aggregate(1L, (a, d) => a * d);

    public string ShapeText => $"({string.Join(", ", Dims)})";

    public static OnnxTensor Read(ProtoReader reader, string context)
    {
        var dims = new List<long>();
        var int64s = new List<long>();
        int dataType = 0;
        string name = "";
        (int Start, int Length) raw = (0, -1), packedFloats = (0, -1);
        var floats = new List<float>();
        bool external = false;
        while (reader.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: reader.ReadVarints(wire, dims); break;
                case 2: dataType = (int)reader.ReadVarint(); break;
                case 4 when wire == ProtoReader.WireLengthDelimited: packedFloats = reader.ReadLengthDelimited(); break;
                case 4: floats.Add(BitConverter.UInt32BitsToSingle(reader.ReadFixed32())); break;
                case 7: reader.ReadVarints(wire, int64s); break;
                case 8: name = reader.ReadString(); break;
                case 9: raw = reader.ReadLengthDelimited(); break;
                case 14: external = reader.ReadVarint() == 1; break;
                default: reader.Skip(wire); break;
            }
        }
        if (external)
            throw new InvalidDataException($"{context}: tensor '{name}' is stored in an external data file; only single-file ONNX models are supported.");
        long count = dims.Aggregate(1L, (a, d) => a * d);
        byte[] buffer = reader.Buffer;
        float[]? floatData = null;
        long[]? int64Data = null;
        if (dataType == Float)
        {
            if (raw.Length >= 0)
            {
                if (raw.Length != count * 4)
                    throw new InvalidDataException($"{context}: tensor '{name}' of shape ({string.Join(", ", dims)}) has {raw.Length} bytes of raw data; expected {count * 4}.");
                floatData = MemoryMarshal.Cast<byte, float>(buffer.AsSpan(raw.Start, raw.Length)).ToArray();
            }
            else if (packedFloats.Length >= 0)
            {
                floatData = MemoryMarshal.Cast<byte, float>(buffer.AsSpan(packedFloats.Start, packedFloats.Length)).ToArray();
            }
            else
            {
                floatData = floats.ToArray();
            }
            if (floatData.Length != count)
                throw new InvalidDataException($"{context}: tensor '{name}' of shape ({string.Join(", ", dims)}) holds {floatData.Length} floats; expected {count}.");
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian; this machine is not.");
        }
        else if (dataType == Int64)
        {
            int64Data = raw.Length >= 0 ? MemoryMarshal.Cast<byte, long>(buffer.AsSpan(raw.Start, raw.Length)).ToArray() : int64s.ToArray();
        }
        return new OnnxTensor { Name = name, DataType = dataType, Dims = dims.ToArray(), Floats = floatData, Int64s = int64Data };
    }
}

/// <summary>One node of an ONNX graph.</summary>
internal sealed class OnnxNode
{
    public required string Name { get; init; }
    public required string OpType { get; init; }
    public required string[] Inputs { get; init; }
    public required string[] Outputs { get; init; }
    /// <summary>Float and integer attributes by name (epsilon, axis, ...), as doubles.</summary>
    public required Dictionary<string, double> Scalars { get; init; }
    /// <summary>Tensor attributes by name (a Constant node's "value").</summary>
    public required Dictionary<string, OnnxTensor> Tensors { get; init; }
}

/// <summary>An ONNX model's graph: its nodes in order and its initializers by name.</summary>
internal sealed class OnnxGraph
{
    public required IReadOnlyList<OnnxNode> Nodes { get; init; }
    public required IReadOnlyDictionary<string, OnnxTensor> Initializers { get; init; }

    /// <summary>Parses a whole ModelProto; <paramref name="source"/> names the file in errors.</summary>
    public static OnnxGraph Read(byte[] model, string source)
    {
        var reader = new ProtoReader(model);
        ProtoReader? graph = null;
        while (reader.Next(out int field, out int wire))
        {
            if (field == 7 && wire == ProtoReader.WireLengthDelimited) graph = reader.ReadMessage();
            else reader.Skip(wire);
        }
        if (graph is not { } g) throw new InvalidDataException($"{source}: not an ONNX model (no graph field).");
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        while (g.Next(out int field, out int wire))
        {
            if (field == 1 && wire == ProtoReader.WireLengthDelimited) nodes.Add(ReadNode(g.ReadMessage(), source));
            else if (field == 5 && wire == ProtoReader.WireLengthDelimited)
            {
                OnnxTensor t = OnnxTensor.Read(g.ReadMessage(), source);
                if (!initializers.TryAdd(t.Name, t)) throw new InvalidDataException($"{source}: initializer '{t.Name}' appears twice.");
            }
            else g.Skip(wire);
        }
        return new OnnxGraph { Nodes = nodes, Initializers = initializers };
    }

    private static OnnxNode ReadNode(ProtoReader reader, string source)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = "", opType = "";
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        var tensors = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        while (reader.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: inputs.Add(reader.ReadString()); break;
                case 2: outputs.Add(reader.ReadString()); break;
                case 3: name = reader.ReadString(); break;
                case 4: opType = reader.ReadString(); break;
                case 5: ReadAttribute(reader.ReadMessage(), scalars, tensors, source); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxNode { Name = name, OpType = opType, Inputs = inputs.ToArray(), Outputs = outputs.ToArray(), Scalars = scalars, Tensors = tensors };
    }

    private static void ReadAttribute(ProtoReader reader, Dictionary<string, double> scalars, Dictionary<string, OnnxTensor> tensors, string source)
    {
        string name = "";
        double? scalar = null;
        OnnxTensor? tensor = null;
        while (reader.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: name = reader.ReadString(); break;
                case 2 when wire == ProtoReader.WireFixed32: scalar = BitConverter.UInt32BitsToSingle(reader.ReadFixed32()); break;
                case 3 when wire == ProtoReader.WireVarint: scalar = (long)reader.ReadVarint(); break;
                case 5 when wire == ProtoReader.WireLengthDelimited: tensor = OnnxTensor.Read(reader.ReadMessage(), source); break;
                default: reader.Skip(wire); break;
            }
        }
        if (scalar is { } s) scalars[name] = s;
        if (tensor is not null) tensors[name] = tensor;
    }
}
