// The parameter table of the BERT-style encoder (EncoderKind.Bert), with the names of the Hugging Face
// BertModel state_dict so a checkpoint maps onto it by name, and BERT's initialisation for a model that
// does not import one (tests, or training a BERT layout from scratch).
//   ours (arena)                                              HF BertModel / ONNX export
//   embeddings.word_embeddings.weight            (V, C)       same
//   embeddings.position_embeddings.weight        (T, C)       same (T = MaxLength, 512 in checkpoints)
//   embeddings.token_type_embeddings.weight      (TT, C)      same (TT = TokenTypeCount)
//   embeddings.LayerNorm.weight / .bias          (C)          same
//   encoder.layer.{i}.attention.self.qkv.weight  (3C, C)      [query.weight; key.weight; value.weight] stacked
//   encoder.layer.{i}.attention.self.qkv.bias    (3C)         [query.bias; key.bias; value.bias]
//   encoder.layer.{i}.attention.output.dense.weight (C, C) / .bias (C)
//   encoder.layer.{i}.attention.output.LayerNorm.weight / .bias (C)
//   encoder.layer.{i}.intermediate.dense.weight  (F, C) / .bias (F)
//   encoder.layer.{i}.output.dense.weight        (C, F) / .bias (C)
//   encoder.layer.{i}.output.LayerNorm.weight / .bias (C)
// Weights are (out, in) as in PyTorch. Q, K and V are stacked into one (3C, C) tensor because the
// attention kernel (Layers/MultiHeadSelfAttention) computes them with one GEMM into an (N, 3C) buffer;
// the importer stacks the three checkpoint tensors. The heads on top (pooling, n-gram bag, classifier)
// keep ModelParameters' names.
using MlNetAttention.Neural.Kernels;

namespace MlNetAttention.Neural.Model;

internal static class BertParameters
{
    public const string WordEmbeddings = "embeddings.word_embeddings.weight";
    public const string PositionEmbeddings = "embeddings.position_embeddings.weight";
    public const string TokenTypeEmbeddings = "embeddings.token_type_embeddings.weight";
    public const string EmbeddingNormWeight = "embeddings.LayerNorm.weight";
    public const string EmbeddingNormBias = "embeddings.LayerNorm.bias";

    /// <summary>BERT's initializer_range: weights and embeddings are drawn from N(0, 0.02²) (Devlin et al. 2019).</summary>
    public const float InitializerRange = 0.02f;

    public static string LayerPrefix(int layer) => $"encoder.layer.{layer}.";

    /// <summary>The encoder's (name, shape, kind) rows in arena order.</summary>
    public static IEnumerable<(string Name, int[] Shape, ParameterKind Kind)> Table(EncoderClassifierConfig config)
    {
        int C = config.ModelDimension, F = config.FeedForwardDimension;
        yield return (WordEmbeddings, [config.VocabularySize, C], ParameterKind.Embedding);
        yield return (PositionEmbeddings, [config.MaxLength, C], ParameterKind.Embedding);
        yield return (TokenTypeEmbeddings, [config.TokenTypeCount, C], ParameterKind.Embedding);
        yield return (EmbeddingNormWeight, [C], ParameterKind.NormGain);
        yield return (EmbeddingNormBias, [C], ParameterKind.Bias);
        for (int i = 0; i < config.LayerCount; i++)
        {
            string p = LayerPrefix(i);
            yield return (p + "attention.self.qkv.weight", [3 * C, C], ParameterKind.Weight);
            yield return (p + "attention.self.qkv.bias", [3 * C], ParameterKind.Bias);
            yield return (p + "attention.output.dense.weight", [C, C], ParameterKind.Weight);
            yield return (p + "attention.output.dense.bias", [C], ParameterKind.Bias);
            yield return (p + "attention.output.LayerNorm.weight", [C], ParameterKind.NormGain);
            yield return (p + "attention.output.LayerNorm.bias", [C], ParameterKind.Bias);
            yield return (p + "intermediate.dense.weight", [F, C], ParameterKind.Weight);
            yield return (p + "intermediate.dense.bias", [F], ParameterKind.Bias);
            yield return (p + "output.dense.weight", [C, F], ParameterKind.Weight);
            yield return (p + "output.dense.bias", [C], ParameterKind.Bias);
            yield return (p + "output.LayerNorm.weight", [C], ParameterKind.NormGain);
            yield return (p + "output.LayerNorm.bias", [C], ParameterKind.Bias);
        }
    }

    /// <summary>One block's handles, in the roles the shared attention and feed-forward layers read:
    /// in_proj = qkv, out_proj = attention.output.dense, norm1 = attention.output.LayerNorm,
    /// linear1 = intermediate.dense, linear2 = output.dense, norm2 = output.LayerNorm.</summary>
    public static BlockParameters Block(ParameterArena arena, int layer)
    {
        string p = LayerPrefix(layer);
        return new BlockParameters
        {
            InProjWeight = arena[p + "attention.self.qkv.weight"], InProjBias = arena[p + "attention.self.qkv.bias"],
            OutProjWeight = arena[p + "attention.output.dense.weight"], OutProjBias = arena[p + "attention.output.dense.bias"],
            Norm1Weight = arena[p + "attention.output.LayerNorm.weight"], Norm1Bias = arena[p + "attention.output.LayerNorm.bias"],
            Linear1Weight = arena[p + "intermediate.dense.weight"], Linear1Bias = arena[p + "intermediate.dense.bias"],
            Linear2Weight = arena[p + "output.dense.weight"], Linear2Bias = arena[p + "output.dense.bias"],
            Norm2Weight = arena[p + "output.LayerNorm.weight"], Norm2Bias = arena[p + "output.LayerNorm.bias"],
        };
    }

    /// <summary>Whether <paramref name="name"/> belongs to the BERT encoder (not to the heads).</summary>
    public static bool IsEncoderTensor(string name) =>
        name.StartsWith("embeddings.", StringComparison.Ordinal) || name.StartsWith("encoder.", StringComparison.Ordinal);

    /// <summary>BertPreTrainedModel._init_weights: weights and embeddings N(0, 0.02²), biases 0, norm gains 1.</summary>
    public static void Initialize(ParameterTensor tensor, Span<float> values, ref SplitMix64 rng)
    {
        switch (tensor.Kind)
        {
            case ParameterKind.NormGain:
                values.Fill(1f);
                break;
            case ParameterKind.Bias:
                values.Clear();
                break;
            default:
                for (int i = 0; i < values.Length; i++) values[i] = InitializerRange * (float)rng.NextNormal();
                break;
        }
    }
}
