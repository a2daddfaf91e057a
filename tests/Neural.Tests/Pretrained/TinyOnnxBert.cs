// Writes a tiny BERT encoder as an ONNX ModelProto in the layout torch.onnx.export gives Hugging Face's
// BertModel (the layout of the packaged MiniLM and Arctic-xs files): named initializers for embeddings,
// biases and norms; each linear weight stored [in, out] under a numeric name as the right operand of a
// MatMul whose output an Add combines with "X.bias"; each attention's scores divided by a Constant √HS
// before the mask Add and the Softmax; decomposed layer norms adding a Constant epsilon before Sqrt.
// Only the nodes the importer reads are written (the graph is not runnable). Tests mutate the tensor
// list to produce broken files.
using System.Text;

namespace MlNetAttention.Neural.Tests.Pretrained;

internal sealed class TinyOnnxBert
{
    public const int V = 12, C = 8, NH = 2, F = 16, T = 10, TT = 2, L = 2;
    public const float Epsilon = 1e-12f;

    /// <summary>Name → (dims, values) in PyTorch layout; linear weights (out, in).</summary>
    public Dictionary<string, (long[] Dims, float[] Values)> Tensors { get; } = new(StringComparer.Ordinal);

    /// <summary>Linear weights written as MatMul operands, by PyTorch name ("…query.weight").</summary>
    public List<string> Linear { get; } = [];

    public int HeadSize { get; set; } = C / NH;

    public TinyOnnxBert(int seed = 3)
    {
        var rng = new Random(seed);
        float[] Values(long count) => Enumerable.Range(0, (int)count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        void Add(string name, params long[] dims) => Tensors[name] = (dims, Values(dims.Aggregate(1L, (a, d) => a * d)));
        Add("embeddings.word_embeddings.weight", V, C);
        Add("embeddings.position_embeddings.weight", T, C);
        Add("embeddings.token_type_embeddings.weight", TT, C);
        Add("embeddings.LayerNorm.weight", C);
        Add("embeddings.LayerNorm.bias", C);
        for (int i = 0; i < L; i++)
        {
            string p = $"encoder.layer.{i}.";
            foreach (string q in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                Add(p + q + ".weight", C, C);
                Add(p + q + ".bias", C);
                Linear.Add(p + q + ".weight");
            }
            Add(p + "attention.output.LayerNorm.weight", C);
            Add(p + "attention.output.LayerNorm.bias", C);
            Add(p + "intermediate.dense.weight", F, C);
            Add(p + "intermediate.dense.bias", F);
            Linear.Add(p + "intermediate.dense.weight");
            Add(p + "output.dense.weight", C, F);
            Add(p + "output.dense.bias", C);
            Linear.Add(p + "output.dense.weight");
            Add(p + "output.LayerNorm.weight", C);
            Add(p + "output.LayerNorm.bias", C);
        }
        Add("pooler.dense.bias", C); // outside the encoder: ignored by the importer
    }

    public byte[] Write()
    {
        var graph = new List<byte>();
        int counter = 100;
        void Node(string op, string[] inputs, string[] outputs, byte[]? attribute = null)
        {
            var node = new List<byte>();
            foreach (string i in inputs) node.AddRange(Field(1, Encoding.UTF8.GetBytes(i)));
            foreach (string o in outputs) node.AddRange(Field(2, Encoding.UTF8.GetBytes(o)));
            node.AddRange(Field(4, Encoding.UTF8.GetBytes(op)));
            if (attribute is not null) node.AddRange(Field(5, attribute));
            graph.AddRange(Field(1, node.ToArray()));
        }
        string Constant(float value)
        {
            string name = $"const_{counter++}";
            byte[] tensor = [.. Varint(2 << 3), .. Varint(1), .. Field(9, BitConverter.GetBytes(value))]; // data_type FLOAT, scalar
            byte[] attribute = [.. Field(1, "value"u8.ToArray()), .. Field(5, tensor)];
            Node("Constant", [], [name], attribute);
            return name;
        }
        void LayerNorm(string input)
        {
            string mean = $"mean_{counter++}", sum = $"sum_{counter++}";
            Node("ReduceMean", [input], [mean]);
            Node("Add", [mean, Constant(Epsilon)], [sum]);
            Node("Sqrt", [sum], [$"sqrt_{counter++}"]);
        }
        LayerNorm("embeddings_sum");
        foreach (var (name, (dims, values)) in Tensors)
        {
            if (!Linear.Contains(name))
            {
                graph.AddRange(Field(5, TensorProto(name, dims, values)));
                continue;
            }
            // stored [in, out] under a numeric name, consumed by MatMul → Add(X.bias)
            long outputs = dims[0], inputs = dims[1];
            var transposed = new float[values.Length];
            for (int o = 0; o < outputs; o++)
                for (int i = 0; i < inputs; i++) transposed[i * outputs + o] = values[o * inputs + i];
            string weight = (counter++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            graph.AddRange(Field(5, TensorProto(weight, [inputs, outputs], transposed)));
            string product = $"mm_{counter++}";
            Node("MatMul", ["hidden", weight], [product]);
            string bias = name[..^".weight".Length] + ".bias";
            Node("Add", [bias, product], [$"add_{counter++}"]);
        }
        for (int i = 0; i < L; i++)
        {
            string scores = $"scores_{counter++}", scaled = $"scaled_{counter++}", masked = $"masked_{counter++}";
            Node("MatMul", ["q", "k"], [scores]);
            Node("Div", [scores, Constant(MathF.Sqrt(HeadSize))], [scaled]);
            Node("Add", [scaled, "mask"], [masked]);
            Node("Softmax", [masked], [$"probs_{counter++}"]);
            LayerNorm($"attention_sum_{i}");
            LayerNorm($"output_sum_{i}");
        }
        return [.. Varint(1 << 3), .. Varint(8), .. Field(7, graph.ToArray())]; // ir_version 8, graph
    }

    private static byte[] TensorProto(string name, long[] dims, float[] values)
    {
        var t = new List<byte>();
        foreach (long d in dims) t.AddRange([.. Varint(1 << 3), .. Varint((ulong)d)]);
        t.AddRange([.. Varint(2 << 3), .. Varint(1)]);
        t.AddRange(Field(8, Encoding.UTF8.GetBytes(name)));
        t.AddRange(Field(9, values.SelectMany(BitConverter.GetBytes).ToArray()));
        return t.ToArray();
    }

    private static byte[] Field(int number, byte[] payload) =>
        [.. Varint((ulong)(number << 3 | 2)), .. Varint((ulong)payload.Length), .. payload];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return bytes.ToArray();
    }

    /// <summary>Writes the model and a matching vocab.txt into a new folder under the temp directory.</summary>
    public string WriteFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "tiny-bert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Write());
        var vocabulary = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]" };
        for (int i = vocabulary.Count; i < V; i++) vocabulary.Add($"w{i}");
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), vocabulary);
        return folder;
    }
}
