// The whole classifier in libtorch, assembled from TorchReferenceModel's layers the way the engine's
// configuration says (DESIGN.md "The model"): token ids (B, T) → embeddings → blocks → final norm →
// pooling [‖ n-gram bag] → linear; loss = cross-entropy + λ·penalty. Its parameters are leaf
// tensors copied from an engine arena, under the engine's names.
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAttention.Neural.Tests.Oracle;

internal sealed class TorchReferenceClassifier
{
    private readonly EncoderClassifierConfig _config;
    private readonly TrainingOptions _training;
    private readonly TorchReferenceModel _layers;
    private readonly Tensor? _sinusoids;

    public TorchReferenceClassifier(EncoderClassifierConfig config, TrainingOptions training, ParameterArena arena)
    {
        _config = config;
        _training = training;
        Leaves = TorchTensors.Leaves(arena);
        _layers = new TorchReferenceModel(name => Leaves[name], config.LayerNormEpsilon);
        if (config.PositionEncoding == PositionEncodingKind.Sinusoidal) _sinusoids = Sinusoids(config.MaxLength, config.ModelDimension);
    }

    /// <summary>The parameters, by the engine's names.</summary>
    public Dictionary<string, TorchSharp.Modules.Parameter> Leaves { get; }

    /// <summary>Logits (B, K) and the loss of a batch padded to <paramref name="T"/>.</summary>
    public (Tensor Logits, Tensor Loss) Forward(TokenBatch batch, int T)
    {
        if (batch.PaddedLength > T || T > _config.MaxLength) throw new ArgumentException($"T {T} does not fit the batch or the model."); // checked before libtorch sees it
        Tensor ids = TorchTensors.PaddedIds(batch, T), pad = TorchTensors.PaddingMask(batch, T);
        Tensor x = _layers.Embed(ids, _config.PositionEncoding.ToString(), _sinusoids);
        for (int l = 0; l < _config.LayerCount; l++) x = _layers.Block(x, pad, l, _config.HeadCount);
        Tensor h = _layers.FinalNorm(x);
        var features = new List<Tensor>();
        Tensor penalty = zeros(1).squeeze();
        if (_config.UsesAttentionPooling)
        {
            (Tensor m, penalty) = _layers.AttentionPool(h, pad);
            features.Add(m);
        }
        if (_config.Pooling is PoolingKind.Mean or PoolingKind.AttentionAndMean) features.Add(TorchReferenceModel.MeanPool(h, pad));
        if (_config.Pooling == PoolingKind.FirstToken) features.Add(TorchReferenceModel.FirstPool(h, pad));
        if (_config.UsesNgramBag) features.Add(Bag(batch));
        Tensor logits = _layers.Classify(cat(features, 1));
        Tensor labels = tensor(batch.Labels.ToArray().Select(l => (long)l).ToArray(), [batch.Count]);
        Tensor? weights = _training.ClassWeights is { } w ? TorchTensors.From(w.ToArray(), w.Count) : null;
        Tensor loss = TorchReferenceModel.CrossEntropy(logits, labels, weights, _training.LabelSmoothing) + _training.PenaltyWeight * penalty;
        return (logits, loss);
    }

    private Tensor Bag(TokenBatch batch)
    {
        var (rows, sequence, count) = TorchReferenceModel.BagIndex(batch, _config.VocabularySize, _config.NgramOrder, _config.NgramBuckets, _config.NgramTableRows);
        return _layers.NgramBag(rows, sequence, count);
    }

    /// <summary>Vaswani et al.'s sinusoids in double, rounded once: PE[t, 2i] = sin(t/10000^(2i/C)), PE[t, 2i+1] = cos(…).</summary>
    private static Tensor Sinusoids(int length, int channels)
    {
        var table = new float[length * channels];
        for (int t = 0; t < length; t++)
            for (int c = 0; c < channels; c++)
            {
                double angle = t / Math.Pow(10000.0, 2 * (c / 2) / (double)channels);
                table[t * channels + c] = (float)(c % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        return TorchTensors.From(table, length, channels);
    }
}
