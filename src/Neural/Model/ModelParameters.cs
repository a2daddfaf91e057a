// The parameter table of the encoder classifier, built from its configuration, with typed handles
// for the layers and PyTorch-style initialisation. This header describes the scratch encoder; the
// Bert encoder's rows (EncoderKind.Bert) are in BertParameters, followed by the same heads.
//
// Names follow the PyTorch reference's state_dict (../shared/anchors/torch_reference.py), so a
// reader maps them by four renames and dropping the "enc." prefix:
//   ours                                   torch_reference.py state_dict
//   token_embedding.weight      (V, C)     emb.weight             (row 0 = [PAD], padding_idx=0)
//   position_embedding.weight   (T, C)     pos.weight             (only when PositionEncoding = Learned)
//   layers.{i}.self_attn.in_proj_weight (3C, C) / in_proj_bias (3C)      enc.layers.{i}.self_attn.…
//   layers.{i}.self_attn.out_proj.weight (C, C) / out_proj.bias (C)      enc.layers.{i}.self_attn.…
//   layers.{i}.linear1.weight (F, C) / .bias (F)                         enc.layers.{i}.linear1.…
//   layers.{i}.linear2.weight (C, F) / .bias (C)                         enc.layers.{i}.linear2.…
//   layers.{i}.norm1.weight / .bias (C),  layers.{i}.norm2.weight / .bias (C)   enc.layers.{i}.norm1/2.…
//   final_norm.weight / .bias  (C)         norm.weight / norm.bias
//   pool.w1.weight             (da, C)     pool.w1.weight         (attention pooling kinds only)
//   pool.w2.weight             (r, da)     pool.w2.weight
//   ngram_embedding.weight     (V+NB, D)   bag.weight             (n-gram bag only: nn.EmbeddingBag(mode="mean"))
//   classifier.weight          (K, P)      out.weight             (P = PooledDimension, K = classes)
//   classifier.bias            (K)         out.bias
// Linear weights are (out, in) as in PyTorch: y = x·Wᵀ + b. in_proj_weight packs [W_q; W_k; W_v].
//
// Initialisation follows PyTorch's defaults so training dynamics match the reference: embeddings
// N(0, 1) with the [PAD] row zero (nn.Embedding), in_proj Xavier-uniform with zero biases and a zero
// out_proj bias (nn.MultiheadAttention._reset_parameters), other linear weights and biases
// U(−1/√fan_in, 1/√fan_in) (nn.Linear's kaiming_uniform(a=√5)), layer norms 1 and 0. The n-gram bag's
// table is drawn from U(−1/D, 1/D), fastText's initialisation of its input vectors (Joulin et al.
// 2017), with the never-used [PAD] row zero. Each tensor draws from its own SplitMix64 stream keyed
// by (seed, name), so a tensor's initial values depend only on the seed and its name.
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Model;

internal sealed class BlockParameters
{
    public required ParameterTensor InProjWeight, InProjBias, OutProjWeight, OutProjBias;
    public required ParameterTensor Linear1Weight, Linear1Bias, Linear2Weight, Linear2Bias;
    public required ParameterTensor Norm1Weight, Norm1Bias, Norm2Weight, Norm2Bias;
}

internal sealed class ModelParameters
{
    public ModelParameters(EncoderClassifierConfig config)
    {
        Arena = new ParameterArena(Table(config));
        Blocks = new BlockParameters[config.LayerCount];
        if (config.Encoder == EncoderKind.Bert)
        {
            TokenEmbedding = Arena[BertParameters.WordEmbeddings];
            PositionEmbedding = Arena[BertParameters.PositionEmbeddings];
            TokenTypeEmbedding = Arena[BertParameters.TokenTypeEmbeddings];
            EmbeddingNormWeight = Arena[BertParameters.EmbeddingNormWeight];
            EmbeddingNormBias = Arena[BertParameters.EmbeddingNormBias];
            for (int i = 0; i < config.LayerCount; i++) Blocks[i] = BertParameters.Block(Arena, i);
        }
        else
        {
            TokenEmbedding = Arena["token_embedding.weight"];
            PositionEmbedding = config.PositionEncoding == PositionEncodingKind.Learned ? Arena["position_embedding.weight"] : null;
            for (int i = 0; i < config.LayerCount; i++)
            {
                string p = $"layers.{i}.";
                Blocks[i] = new BlockParameters
                {
                    InProjWeight = Arena[p + "self_attn.in_proj_weight"], InProjBias = Arena[p + "self_attn.in_proj_bias"],
                    OutProjWeight = Arena[p + "self_attn.out_proj.weight"], OutProjBias = Arena[p + "self_attn.out_proj.bias"],
                    Linear1Weight = Arena[p + "linear1.weight"], Linear1Bias = Arena[p + "linear1.bias"],
                    Linear2Weight = Arena[p + "linear2.weight"], Linear2Bias = Arena[p + "linear2.bias"],
                    Norm1Weight = Arena[p + "norm1.weight"], Norm1Bias = Arena[p + "norm1.bias"],
                    Norm2Weight = Arena[p + "norm2.weight"], Norm2Bias = Arena[p + "norm2.bias"],
                };
            }
            FinalNormWeight = Arena["final_norm.weight"];
            FinalNormBias = Arena["final_norm.bias"];
        }
        PoolW1 = config.UsesAttentionPooling ? Arena["pool.w1.weight"] : null;
        PoolW2 = config.UsesAttentionPooling ? Arena["pool.w2.weight"] : null;
        NgramEmbedding = config.UsesNgramBag ? Arena["ngram_embedding.weight"] : null;
        ClassifierWeight = Arena["classifier.weight"];
        ClassifierBias = Arena["classifier.bias"];
    }

    public ParameterArena Arena { get; }
    public ParameterTensor TokenEmbedding { get; }
    public ParameterTensor? PositionEmbedding { get; }
    public BlockParameters[] Blocks { get; }
    /// <summary>The scratch encoder's final layer norm; null for Bert (post-LN blocks end normalised).</summary>
    public ParameterTensor? FinalNormWeight { get; }
    public ParameterTensor? FinalNormBias { get; }
    /// <summary>Bert only: the token-type table and the embedding layer norm.</summary>
    public ParameterTensor? TokenTypeEmbedding { get; }
    public ParameterTensor? EmbeddingNormWeight { get; }
    public ParameterTensor? EmbeddingNormBias { get; }
    public ParameterTensor? PoolW1 { get; }
    public ParameterTensor? PoolW2 { get; }
    public ParameterTensor? NgramEmbedding { get; }
    public ParameterTensor ClassifierWeight { get; }
    public ParameterTensor ClassifierBias { get; }

    /// <summary>The (name, shape, kind) table in arena order, the order of the weights file.</summary>
    public static IEnumerable<(string Name, int[] Shape, ParameterKind Kind)> Table(EncoderClassifierConfig config)
    {
        int C = config.ModelDimension, F = config.FeedForwardDimension;
        if (config.Encoder == EncoderKind.Bert)
        {
            foreach (var row in BertParameters.Table(config)) yield return row;
            foreach (var row in HeadTable(config)) yield return row;
            yield break;
        }
        yield return ("token_embedding.weight", [config.VocabularySize, C], ParameterKind.Embedding);
        if (config.PositionEncoding == PositionEncodingKind.Learned)
            yield return ("position_embedding.weight", [config.MaxLength, C], ParameterKind.Embedding);
        for (int i = 0; i < config.LayerCount; i++)
        {
            string p = $"layers.{i}.";
            yield return (p + "self_attn.in_proj_weight", [3 * C, C], ParameterKind.Weight);
            yield return (p + "self_attn.in_proj_bias", [3 * C], ParameterKind.Bias);
            yield return (p + "self_attn.out_proj.weight", [C, C], ParameterKind.Weight);
            yield return (p + "self_attn.out_proj.bias", [C], ParameterKind.Bias);
            yield return (p + "linear1.weight", [F, C], ParameterKind.Weight);
            yield return (p + "linear1.bias", [F], ParameterKind.Bias);
            yield return (p + "linear2.weight", [C, F], ParameterKind.Weight);
            yield return (p + "linear2.bias", [C], ParameterKind.Bias);
            yield return (p + "norm1.weight", [C], ParameterKind.NormGain);
            yield return (p + "norm1.bias", [C], ParameterKind.Bias);
            yield return (p + "norm2.weight", [C], ParameterKind.NormGain);
            yield return (p + "norm2.bias", [C], ParameterKind.Bias);
        }
        yield return ("final_norm.weight", [C], ParameterKind.NormGain);
        yield return ("final_norm.bias", [C], ParameterKind.Bias);
        foreach (var row in HeadTable(config)) yield return row;
    }

    /// <summary>The heads on top of either encoder: attention pooling, n-gram bag, classifier.</summary>
    private static IEnumerable<(string Name, int[] Shape, ParameterKind Kind)> HeadTable(EncoderClassifierConfig config)
    {
        int C = config.ModelDimension;
        if (config.UsesAttentionPooling)
        {
            yield return ("pool.w1.weight", [config.PoolingHiddenDimension, C], ParameterKind.Weight);
            yield return ("pool.w2.weight", [config.PoolingHops, config.PoolingHiddenDimension], ParameterKind.Weight);
        }
        if (config.UsesNgramBag)
            yield return ("ngram_embedding.weight", [checked((int)config.NgramTableRows), config.NgramDimension], ParameterKind.Embedding);
        yield return ("classifier.weight", [config.ClassCount, config.PooledDimension], ParameterKind.Weight);
        yield return ("classifier.bias", [config.ClassCount], ParameterKind.Bias);
    }

    /// <summary>PyTorch-default initialisation (see the file header), deterministic in (seed, name).</summary>
    public void Initialize(int seed)
    {
        foreach (ParameterTensor t in Arena.Tensors)
        {
            var rng = new SplitMix64(SplitMix64.Mix((ulong)(uint)seed) ^ NameHash(t.Name));
            Span<float> v = Arena.ValuesOf(t);
            if (BertParameters.IsEncoderTensor(t.Name))
            {
                BertParameters.Initialize(t, v, ref rng);
                continue;
            }
            int fanIn = t.Shape[^1];
            switch (t.Kind)
            {
                case ParameterKind.Embedding when t == NgramEmbedding:
                    Uniform(v, 1f / t.Shape[1], ref rng);
                    v.Slice(0, t.Shape[1]).Clear(); // [PAD]
                    break;
                case ParameterKind.Embedding:
                    for (int i = 0; i < v.Length; i++) v[i] = (float)rng.NextNormal();
                    if (t == TokenEmbedding) v.Slice(0, t.Shape[1]).Clear(); // [PAD]
                    break;
                case ParameterKind.NormGain:
                    v.Fill(1f);
                    break;
                case ParameterKind.Weight when t.Name.EndsWith("in_proj_weight", StringComparison.Ordinal):
                    Uniform(v, MathF.Sqrt(6f / (t.Shape[0] + t.Shape[1])), ref rng); // Xavier: fan_in + fan_out
                    break;
                case ParameterKind.Weight:
                    Uniform(v, 1f / MathF.Sqrt(fanIn), ref rng);
                    break;
                case ParameterKind.Bias when t.Name.Contains("self_attn", StringComparison.Ordinal) || t.Name.Contains("norm", StringComparison.Ordinal):
                    v.Clear();
                    break;
                case ParameterKind.Bias:
                    // nn.Linear draws its bias with the bound of its weight (fan_in of the weight).
                    int weightFanIn = Arena[t.Name[..^"bias".Length] + "weight"].Shape[1];
                    Uniform(v, 1f / MathF.Sqrt(weightFanIn), ref rng);
                    break;
            }
        }
    }

    private static void Uniform(Span<float> v, float bound, ref SplitMix64 rng)
    {
        for (int i = 0; i < v.Length; i++) v[i] = (2f * rng.NextFloat() - 1f) * bound;
    }

    // FNV-1a over the UTF-16 code units: stable across processes (string.GetHashCode is randomised).
    private static ulong NameHash(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in name) h = (h ^ c) * 1099511628211UL;
        return SplitMix64.Mix(h);
    }
}
