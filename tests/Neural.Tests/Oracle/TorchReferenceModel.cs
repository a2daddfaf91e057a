// The engine's model written once more with libtorch's operators (through TorchSharp), on the padded
// (B, T, C) layout, with the engine's parameter names and shapes (ModelParameters): the oracle the
// engine's forward and backward are checked against, layer by layer and whole. Written from the
// papers and torch's own modules, not from the engine's code:
//   block   pre-LN Transformer layer as nn.TransformerEncoderLayer(norm_first=True, activation="gelu",
//           batch_first=True) with a key-padding mask (Vaswani et al. 2017; Xiong et al. 2020)
//   pooling structured self-attention (Lin et al. 2017) with its ‖AAᵀ − I‖²_F penalty; mean; first token
//   bag     nn.EmbeddingBag(mode="mean") over the unigram and hashed n-gram rows (fastText)
//   loss    F.cross_entropy(weight, label_smoothing) + λ·penalty
// Dropout is off (the oracle checks arithmetic; the engine's dropout masks are tested elsewhere).
// A sequence of length 0 is the one place where the engine defines what torch leaves undefined
// (softmax over no keys is NaN): it pools to zeros and adds no penalty; here its row attends freely
// (finite, unused values) and is multiplied out, which gives the same values and zero gradients.
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetAttention.Neural.Tests.Oracle;

internal sealed class TorchReferenceModel(Func<string, Tensor> parameter, double layerNormEpsilon = 1e-5)
{
    /// <summary>(B, 1) float: 1 for rows with at least one real token, 0 for empty rows.</summary>
    public static Tensor NonEmpty(Tensor pad) => (~pad).any(1, keepdim: true).to(ScalarType.Float32);

    /// <summary>The key-padding mask with empty rows unmasked (they attend freely; their results are multiplied out).</summary>
    private static Tensor KeyMask(Tensor pad) => pad & (~pad).any(1, keepdim: true);

    /// <summary>Token + position embeddings (B, T, C) of padded ids (B, T); <paramref name="positions"/> is
    /// "Learned", "Sinusoidal" (table given) or "None".</summary>
    public Tensor Embed(Tensor ids, string positions, Tensor? sinusoids = null)
    {
        long B = ids.shape[0], T = ids.shape[1];
        Tensor table = parameter("token_embedding.weight");
        Tensor x = table.index_select(0, ids.flatten()).reshape(B, T, table.shape[1]);
        return positions switch
        {
            "Learned" => x + parameter("position_embedding.weight").narrow(0, 0, T).unsqueeze(0),
            "Sinusoidal" => x + sinusoids!.narrow(0, 0, T).unsqueeze(0),
            _ => x,
        };
    }

    /// <summary>One pre-LN encoder block: x + MHA(LN1(x)), then + FFN(LN2(·)). x (B, T, C), pad (B, T).</summary>
    public Tensor Block(Tensor x, Tensor pad, int layer, int heads)
    {
        string p = $"layers.{layer}.";
        long B = x.shape[0], T = x.shape[1], C = x.shape[2], HS = C / heads;
        Tensor h = F.layer_norm(x, [C], parameter(p + "norm1.weight"), parameter(p + "norm1.bias"), layerNormEpsilon);
        Tensor qkv = F.linear(h, parameter(p + "self_attn.in_proj_weight"), parameter(p + "self_attn.in_proj_bias")); // (B, T, 3C)
        Tensor[] parts = qkv.chunk(3, -1);
        Tensor Heads(Tensor t) => t.reshape(B, T, heads, HS).transpose(1, 2);                               // (B, NH, T, HS)
        Tensor q = Heads(parts[0]), k = Heads(parts[1]), v = Heads(parts[2]);
        Tensor scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(HS);                                       // (B, NH, T, T)
        scores = scores.masked_fill(KeyMask(pad).reshape(B, 1, 1, T), double.NegativeInfinity);
        Tensor context = scores.softmax(-1).matmul(v).transpose(1, 2).reshape(B, T, C);
        Tensor x1 = x + F.linear(context, parameter(p + "self_attn.out_proj.weight"), parameter(p + "self_attn.out_proj.bias"));
        Tensor h2 = F.layer_norm(x1, [C], parameter(p + "norm2.weight"), parameter(p + "norm2.bias"), layerNormEpsilon);
        Tensor ffn = F.linear(F.gelu(F.linear(h2, parameter(p + "linear1.weight"), parameter(p + "linear1.bias"))),
            parameter(p + "linear2.weight"), parameter(p + "linear2.bias"));
        return x1 + ffn;
    }

    /// <summary>The final layer norm.</summary>
    public Tensor FinalNorm(Tensor x) =>
        F.layer_norm(x, [x.shape[2]], parameter("final_norm.weight"), parameter("final_norm.bias"), layerNormEpsilon);

    /// <summary>Lin et al.'s pooling: M (B, r·C) and the penalty ‖AᵀA − I‖²_F averaged over the B rows.</summary>
    public (Tensor Features, Tensor Penalty) AttentionPool(Tensor h, Tensor pad)
    {
        long B = h.shape[0];
        Tensor e = F.linear(F.linear(h, parameter("pool.w1.weight")).tanh(), parameter("pool.w2.weight")); // (B, T, r)
        long r = e.shape[2];
        Tensor nonEmpty = NonEmpty(pad);
        Tensor a = e.masked_fill(KeyMask(pad).unsqueeze(-1), double.NegativeInfinity).softmax(1) * nonEmpty.unsqueeze(-1);
        Tensor at = a.transpose(1, 2);                                                                        // (B, r, T)
        Tensor m = at.matmul(h).reshape(B, -1);
        Tensor gram = at.matmul(a) - eye(r).unsqueeze(0);
        Tensor penalty = (gram.pow(2).sum([1, 2]) * nonEmpty.squeeze(1)).sum() / B;
        return (m, penalty);
    }

    /// <summary>Mean of the real tokens' states (B, C); zeros for an empty row.</summary>
    public static Tensor MeanPool(Tensor h, Tensor pad)
    {
        Tensor keep = (~pad).unsqueeze(-1).to(ScalarType.Float32);
        return (h * keep).sum(1) / keep.sum(1).clamp_min(1);
    }

    /// <summary>The first token's state (B, C); zeros for an empty row.</summary>
    public static Tensor FirstPool(Tensor h, Tensor pad) => h.select(1, 0) * NonEmpty(pad);

    /// <summary>Mean of the bag rows of each sequence (B, D), as nn.EmbeddingBag(mode="mean") (TorchSharp
    /// has no functional form): rows (G) int64 table rows, sequence (G) int64 the row's sequence, count (B)
    /// the bag sizes. An empty bag gives zeros, as EmbeddingBag's.</summary>
    public Tensor NgramBag(Tensor rows, Tensor sequence, Tensor count)
    {
        Tensor table = parameter("ngram_embedding.weight");
        long B = count.shape[0], D = table.shape[1];
        Tensor gathered = table.index_select(0, rows) / count.clamp_min(1).to(ScalarType.Float32).index_select(0, sequence).unsqueeze(1);
        return zeros(B, D).index_add(0, sequence, gathered, 1);
    }

    /// <summary>The bag of every sequence as NgramBag's inputs: its tokens, then its n-grams of order
    /// 2..<paramref name="order"/> hashed by the engine's NgramEmbeddingBag.NgramRow (the definition of
    /// the bag's rows), with every row checked against the table size before libtorch indexes with it.</summary>
    public static (Tensor Rows, Tensor Sequence, Tensor Count) BagIndex(MlNetAttention.Neural.Model.TokenBatch batch, int vocabulary,
        int order, int buckets, long tableRows)
    {
        var rows = new List<long>();
        var sequence = new List<long>();
        var counts = new long[batch.Count];
        for (int b = 0; b < batch.Count; b++)
        {
            int[] ids = batch.Row(b).ToArray();
            for (int n = 1; n <= order; n++)
            {
                for (int t = 0; t + n <= ids.Length; t++)
                {
                    rows.Add(n == 1 ? ids[t] : MlNetAttention.Neural.Layers.NgramEmbeddingBag.NgramRow(ids.AsSpan(t, n), vocabulary, buckets));
                    sequence.Add(b);
                    counts[b]++;
                }
            }
        }
        if (rows.Any(r => r < 0 || r >= tableRows)) throw new ArgumentException("a bag row is outside the table.");
        return (tensor(rows.ToArray(), [rows.Count]), tensor(sequence.ToArray(), [sequence.Count]), tensor(counts, [batch.Count]));
    }

    /// <summary>Logits (B, K) of pooled features (B, P).</summary>
    public Tensor Classify(Tensor features) => F.linear(features, parameter("classifier.weight"), parameter("classifier.bias"));

    /// <summary>torch's cross-entropy with class weights (null = none) and label smoothing, mean reduction.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels, Tensor? classWeights, double labelSmoothing) =>
        F.cross_entropy(logits, labels, classWeights, label_smoothing: labelSmoothing);
}
