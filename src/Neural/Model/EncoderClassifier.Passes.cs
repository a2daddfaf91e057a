// The forward and backward passes of EncoderClassifier over one packed batch, in llm.c's style: the
// activations are fields allocated once for a capacity, each layer is a forward/backward pair, and
// the backward visits the layers in reverse. Shapes: N packed tokens, C model width, B rows,
// P pooled features, K classes.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Layers;

namespace MlNetAttention.Neural.Model;

public sealed partial class EncoderClassifier
{
    private readonly Embeddings? _embeddings;   // scratch encoder only
    private readonly EncoderBlock[] _blocks;    // scratch encoder only (empty for Bert)
    private readonly LayerNorm? _finalNorm;     // scratch encoder only
    private readonly BertEncoder? _bert;        // Bert encoder only
    private readonly AttentionPooling? _attentionPooling;
    private readonly NgramEmbeddingBag? _ngramBag;
    private readonly BackwardScratch _scratch;
    private readonly float[][] _residuals;   // scratch: L + 1 of (N, C): embeddings, then each block's output
    private float[] _hidden = [];            // (N, C) final layer norm output H
    private float[] _features = [];          // (B, P) pooled features
    private float[] _featureMask = [];       // (B, P) classifier dropout mask
    private float[] _droppedFeatures = [];   // (B, P) features ∘ mask
    private float[] _logits = [];            // (B, K)
    private float[] _probabilities = [];     // (B, K)
    private float[] _dlogits = [];           // (B, K)
    private float[] _dfeatures = [];         // (B, P)
    private float[] _dhidden = [];           // (N, C)
    private float[] _dresidual = [];         // (N, C)
    private bool _featuresDropped;

    /// <summary>Logits (B, K) of the last forward (tests).</summary>
    internal ReadOnlySpan<float> Logits => _logits;

    internal EncoderBlock[] Blocks => _blocks;

    /// <summary>
    /// Sizes every buffer for the batch's capacity, worst case (every row at MaxLength: N ≤
    /// Capacity·MaxLength, Σ L² ≤ Capacity·MaxLength²), so that later batches of that capacity never
    /// allocate. Buffers only a training pass uses are sized only when <paramref name="training"/>.
    /// </summary>
    private void EnsureCapacity(TokenBatch batch, bool training)
    {
        int rows = batch.Capacity * batch.MaxLength, batchRows = batch.Capacity;
        long squares = (long)batch.Capacity * batch.MaxLength * batch.MaxLength;
        int C = Config.ModelDimension, P = Config.PooledDimension, K = Config.ClassCount;
        long rowFloats = (long)rows * C;

        _embeddings?.EnsureCapacity(rows, training);
        foreach (EncoderBlock block in _blocks) block.EnsureCapacity(rows, squares, training);
        _finalNorm?.EnsureCapacity(rows, training);
        _bert?.EnsureCapacity(rows, squares, training);
        _attentionPooling?.EnsureCapacity(batchRows, rows, training);
        _ngramBag?.EnsureCapacity(batchRows, batch.BagIdCapacity);
        for (int l = 0; l < _residuals.Length; l++) Capacity.Ensure(ref _residuals[l], rowFloats);
        Capacity.Ensure(ref _hidden, rowFloats);
        Capacity.Ensure(ref _features, (long)batchRows * P);
        Capacity.Ensure(ref _logits, (long)batchRows * K);
        Capacity.Ensure(ref _probabilities, (long)batchRows * K);
        if (!training) return;
        _scratch.EnsureCapacity(rows, squares);
        Capacity.Ensure(ref _dhidden, rowFloats);
        if (_bert is null) Capacity.Ensure(ref _dresidual, rowFloats);
        Capacity.Ensure(ref _dfeatures, (long)batchRows * P);
        Capacity.Ensure(ref _dlogits, (long)batchRows * K);
        if (Config.ClassifierDropout == 0f) return;
        Capacity.Ensure(ref _featureMask, (long)batchRows * P);
        Capacity.Ensure(ref _droppedFeatures, (long)batchRows * P);
    }

    private float Forward(TokenBatch batch, bool training, bool computeLoss)
    {
        int N = batch.TokenCount, B = batch.Count, C = Config.ModelDimension, P = Config.PooledDimension, K = Config.ClassCount;
        int L = Config.LayerCount, threads = _threadCount;
        // One draw per training step; every dropout site derives its own stream from it.
        ulong stepKey = training ? _dropoutStream.NextUInt64() : 0;

        if (_bert is not null)
        {
            _bert.Forward(_hidden, Parameters, batch, training, stepKey, threads);
        }
        else
        {
            _embeddings!.Forward(_residuals[0], batch, training, SplitMix64.At(stepKey, 0), threads);
            for (int l = 0; l < L; l++)
                _blocks[l].Forward(_residuals[l + 1], _residuals[l], Parameters, batch, training, SplitMix64.At(stepKey, 1 + l), threads);
            _finalNorm!.Forward(_hidden, _residuals[L], Parameters.ValueMemory(_parameters.FinalNormWeight!),
                Parameters.ValueMemory(_parameters.FinalNormBias!), N, threads);
        }

        float penalty = 0f;
        bool withPenalty = computeLoss && Training.PenaltyWeight > 0f;
        switch (Config.Pooling)
        {
            case PoolingKind.Attention:
                penalty = _attentionPooling!.Forward(_features, P, _hidden, batch, withPenalty, threads);
                break;
            case PoolingKind.AttentionAndMean:
                penalty = _attentionPooling!.Forward(_features, P, _hidden, batch, withPenalty, threads);
                SimplePooling.MeanForward(_features, P, Config.PoolingHops * C, _hidden, C, batch);
                break;
            case PoolingKind.Mean:
                SimplePooling.MeanForward(_features, P, 0, _hidden, C, batch);
                break;
            case PoolingKind.FirstToken:
                SimplePooling.FirstTokenForward(_features, P, 0, _hidden, C, batch);
                break;
        }

        _ngramBag?.Forward(_features, P, Config.EncoderPooledDimension, batch, training, SplitMix64.At(stepKey, 2 + L), threads);

        _featuresDropped = training && Config.ClassifierDropout > 0f;
        float[] classifierInput = _features;
        if (_featuresDropped)
        {
            ParallelKernels.DropoutForward(_droppedFeatures, _features, _featureMask, B * P, Config.ClassifierDropout,
                SplitMix64.At(stepKey, 1 + L), threads);
            classifierInput = _droppedFeatures;
        }
        Linear.Forward(_logits, classifierInput.AsSpan(0, B * P), Parameters.ValuesOf(_parameters.ClassifierWeight),
            Parameters.ValuesOf(_parameters.ClassifierBias), B, P, K, threads);

        if (!computeLoss)
        {
            for (int b = 0; b < B; b++) Softmax.Forward(_probabilities.AsSpan(b * K, K), _logits.AsSpan(b * K, K));
            return float.NaN;
        }
        float loss = SoftmaxCrossEntropy.Forward(_probabilities, _logits, batch.Labels, _classWeights, Training.LabelSmoothing, B, K);
        return loss + Training.PenaltyWeight * penalty;
    }

    private void Backward(TokenBatch batch)
    {
        int N = batch.TokenCount, B = batch.Count, C = Config.ModelDimension, P = Config.PooledDimension, K = Config.ClassCount;
        int L = Config.LayerCount, threads = _threadCount;
        ParameterArena arena = Parameters;

        SoftmaxCrossEntropy.Backward(_dlogits, _probabilities, batch.Labels, _classWeights, Training.LabelSmoothing, B, K);
        float[] classifierInput = _featuresDropped ? _droppedFeatures : _features;
        Linear.Backward(_dfeatures, arena.GradientsOf(_parameters.ClassifierWeight), arena.GradientsOf(_parameters.ClassifierBias),
            _dlogits.AsSpan(0, B * K), classifierInput.AsSpan(0, B * P), arena.ValuesOf(_parameters.ClassifierWeight),
            B, P, K, accumulateInputGradient: false, threads);
        if (_featuresDropped) Dropout.Apply(_dfeatures.AsSpan(0, B * P), _dfeatures.AsSpan(0, B * P), _featureMask.AsSpan(0, B * P));

        if (_ngramBag is not null)
        {
            _ngramBag.Backward(_dfeatures, P, Config.EncoderPooledDimension, B);
            _touchedNgramRows!.Add(_ngramBag.Bag(B));
            _touchedNgramRows.Sort();
        }
        _dhidden.AsSpan(0, N * C).Clear();
        switch (Config.Pooling)
        {
            case PoolingKind.Attention:
                _attentionPooling!.Backward(_dhidden, _dfeatures, P, _hidden, batch, Training.PenaltyWeight, threads);
                break;
            case PoolingKind.AttentionAndMean:
                _attentionPooling!.Backward(_dhidden, _dfeatures, P, _hidden, batch, Training.PenaltyWeight, threads);
                SimplePooling.MeanBackward(_dhidden, _dfeatures, P, Config.PoolingHops * C, C, batch);
                break;
            case PoolingKind.Mean:
                SimplePooling.MeanBackward(_dhidden, _dfeatures, P, 0, C, batch);
                break;
            case PoolingKind.FirstToken:
                SimplePooling.FirstTokenBackward(_dhidden, _dfeatures, P, 0, C, batch);
                break;
        }

        if (_bert is not null)
        {
            _bert.Backward(_dhidden, arena, batch, _scratch, threads);
            return;
        }
        _dresidual.AsSpan(0, N * C).Clear();
        _finalNorm!.Backward(_dresidual, arena.GradientsOf(_parameters.FinalNormWeight!), arena.GradientsOf(_parameters.FinalNormBias!),
            _dhidden, _residuals[L], arena.ValueMemory(_parameters.FinalNormWeight!), N, threads);
        for (int l = L - 1; l >= 0; l--)
            _blocks[l].Backward(_dresidual, _residuals[l], arena, batch, _scratch, threads);
        _embeddings!.Backward(_dresidual, batch);
    }
}
