// The engine's classifier written in TorchSharp for the side-by-side benchmark: the same computation
// and the same parameters (copied from an EncoderClassifier's arena, under its names), as a TorchSharp
// user would write it with libtorch's fastest building blocks: F.scaled_dot_product_attention
// (fused attention with a key-padding mask and attention dropout), F.layer_norm, F.linear, F.gelu,
// F.dropout, F.cross_entropy, torch.optim.AdamW and clip_grad_norm_. Pre-LN blocks (Vaswani et al.
// 2017, Xiong et al. 2020), attention pooling (Lin et al. 2017), learned positions. libtorch computes
// on the padded (B, T) batch, as every PyTorch model does; the engine skips pads.
// Shapes are checked before libtorch sees them (a wrong-shape op can end the process).
using MlNetAttention.Neural.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlNetAttention.Bench;

internal sealed class TorchSharpClassifier : IDisposable
{
    private readonly EncoderClassifierConfig _config;
    private readonly Dictionary<string, Parameter> _p = new(StringComparer.Ordinal);
    private readonly optim.Optimizer _decayed, _undecayed;
    private readonly List<Parameter> _all;

    public TorchSharpClassifier(EncoderClassifier source, float weightDecay)
    {
        _config = source.Config;
        if (_config.Pooling != PoolingKind.Attention || _config.PositionEncoding != PositionEncodingKind.Learned || _config.UsesNgramBag)
            throw new ArgumentException("the TorchSharp twin covers attention pooling with learned positions and no n-gram bag.", nameof(source));
        var decayed = new List<Parameter>();
        var undecayed = new List<Parameter>();
        foreach (ParameterTensor t in source.Parameters.Tensors)
        {
            var p = new Parameter(tensor(source.Parameters.ValuesOf(t).ToArray(), t.Shape.Select(s => (long)s).ToArray()));
            _p[t.Name] = p;
            (t.Kind is ParameterKind.Weight or ParameterKind.Embedding ? decayed : undecayed).Add(p);
        }
        _all = decayed.Concat(undecayed).ToList();
        _decayed = optim.AdamW(decayed, lr: 1e-3, weight_decay: weightDecay);
        _undecayed = optim.AdamW(undecayed, lr: 1e-3, weight_decay: 0);
    }

    /// <summary>One training step (forward with dropout, backward, clipping at 1, AdamW); returns the loss.</summary>
    public float TrainStep(long[] ids, long[] labels, int B, int T, float learningRate)
    {
        using var scope = NewDisposeScope();
        _decayed.zero_grad();
        _undecayed.zero_grad();
        Tensor loss = F.cross_entropy(Logits(ids, B, T, training: true), tensor(labels, [B]));
        loss.backward();
        nn.utils.clip_grad_norm_(_all, 1.0);
        foreach (var group in _decayed.ParamGroups.Concat(_undecayed.ParamGroups)) group.LearningRate = learningRate;
        _decayed.step();
        _undecayed.step();
        return loss.item<float>();
    }

    /// <summary>Class probabilities (B, K) without dropout or autograd.</summary>
    public float[] Predict(long[] ids, int B, int T)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Logits(ids, B, T, training: false).softmax(-1).data<float>().ToArray();
    }

    private Tensor Logits(long[] paddedIds, int B, int T, bool training)
    {
        int C = _config.ModelDimension, NH = _config.HeadCount, HS = C / NH;
        if (paddedIds.Length != B * T || T > _config.MaxLength || T < 1)
            throw new ArgumentException($"{paddedIds.Length} ids for a ({B}, {T}) batch with MaxLength {_config.MaxLength}.");
        Tensor ids = tensor(paddedIds, [B, T]);
        Tensor pad = ids.eq(0);                                                        // (B, T) true at pads
        Tensor attend = (~pad).reshape(B, 1, 1, T);                                    // SDPA: true = may attend
        Tensor x = _p["token_embedding.weight"].index_select(0, ids.flatten()).reshape(B, T, C)
                   + _p["position_embedding.weight"].narrow(0, 0, T).unsqueeze(0);
        x = F.dropout(x, _config.EmbeddingDropout, training);
        for (int l = 0; l < _config.LayerCount; l++)
        {
            string p = $"layers.{l}.";
            Tensor h = F.layer_norm(x, [C], _p[p + "norm1.weight"], _p[p + "norm1.bias"], _config.LayerNormEpsilon);
            Tensor[] qkv = F.linear(h, _p[p + "self_attn.in_proj_weight"], _p[p + "self_attn.in_proj_bias"]).chunk(3, -1);
            Tensor Heads(Tensor t) => t.reshape(B, T, NH, HS).transpose(1, 2);
            Tensor context = F.scaled_dot_product_attention(Heads(qkv[0]), Heads(qkv[1]), Heads(qkv[2]), attend,
                training ? _config.AttentionDropout : 0.0).transpose(1, 2).reshape(B, T, C);
            Tensor attended = F.linear(context, _p[p + "self_attn.out_proj.weight"], _p[p + "self_attn.out_proj.bias"]);
            x = x + F.dropout(attended, _config.ResidualDropout, training);
            Tensor h2 = F.layer_norm(x, [C], _p[p + "norm2.weight"], _p[p + "norm2.bias"], _config.LayerNormEpsilon);
            Tensor hidden = F.dropout(F.gelu(F.linear(h2, _p[p + "linear1.weight"], _p[p + "linear1.bias"])), _config.FeedForwardDropout, training);
            x = x + F.dropout(F.linear(hidden, _p[p + "linear2.weight"], _p[p + "linear2.bias"]), _config.ResidualDropout, training);
        }
        Tensor H = F.layer_norm(x, [C], _p["final_norm.weight"], _p["final_norm.bias"], _config.LayerNormEpsilon);
        Tensor e = F.linear(F.linear(H, _p["pool.w1.weight"]).tanh(), _p["pool.w2.weight"]);   // (B, T, r)
        Tensor a = e.masked_fill(pad.unsqueeze(-1), double.NegativeInfinity).softmax(1);
        Tensor features = a.transpose(1, 2).matmul(H).reshape(B, -1);                          // (B, r·C)
        return F.linear(F.dropout(features, _config.ClassifierDropout, training), _p["classifier.weight"], _p["classifier.bias"]);
    }

    public void Dispose()
    {
        _decayed.Dispose();
        _undecayed.Dispose();
        foreach (Parameter p in _all) p.Dispose();
    }
}
