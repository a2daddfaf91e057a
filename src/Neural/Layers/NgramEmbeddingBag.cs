// The "wide" path beside the encoder: a fastText-style bag of token n-grams (Joulin et al. 2017,
// "Bag of Tricks for Efficient Text Classification"), mean-pooled from its own embedding table and
// concatenated to the pooled encoder features before the classifier (the wide + deep split of Cheng
// et al. 2016). Bag-of-n-gram models are strong text classifiers on small and long-text data, where
// an encoder trained from scratch is weakest; the two paths are trained jointly by one loss.
//   bag_b = { id_t : t < L_b }                                                       unigrams: rows [0, V)
//         ∪ { V + hash(id_t, …, id_{t+n−1}) mod NB : 2 ≤ n ≤ n_max, t ≤ L_b − n }   n-grams: rows [V, V + NB)
//   features[b, column .. column + D) = (1 / |bag_b|) · Σ_{g ∈ bag_b} W[g]            W (V + NB, D)
// i.e. torch.nn.EmbeddingBag(V + NB, D, mode="mean") over those row ids. Higher-order n-grams go
// through the hashing trick (Weinberger et al. 2009), as fastText's buckets do: collisions only share
// a row, they never fail. The ids are the batch's bag ids (TokenBatch: the whole text when the encoder
// reads a window of it, else the encoder's ids), with word dropout applied here at the model's rate
// (training only), so it regularises this path too and n-grams with [UNK] are trained. For CJK text,
// where the tokenizer emits one token per character, token bigrams are character bigrams.
// With subword rows (SubwordRows, fastText's character n-grams) each token also brings the rows of its
// character n-grams, as a back-off that shares its slot: with S_b = |bag_b| slots (unigrams and n-grams),
//   features[b] = (1 / S_b) · ( Σ_{g ∈ bag_b} W[g] + Σ_{t < L_b, rows(id_t) ≠ ∅} (1 / |rows(id_t)|) Σ_{r ∈ rows(id_t)} W[r] )
// i.e. EmbeddingBag(mode="sum") with per-sample weights. The token's own row keeps its full weight, so
// words and n-grams weigh what they weigh without subwords; a flat mean over all rows (fastText's input
// layer) let the ~11 character n-grams per token (sst2: 128,000 rows over 11,600 tokens) drown them (ag_news, seed 0: 0.8728 without subwords,
// 0.8599 with a flat mean, 0.8708 with this weighting; bench/tuning-log.md). They are added after word
// dropout, so a dropped token hides its characters too ([UNK] has none). An empty sequence pools to
// zeros. The backward scatter-adds serially in bag order, so a row that occurs many times sums its
// gradients in a fixed order: bit-identical for any thread count.
using System.Numerics.Tensors;
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Threading;

namespace MlNetAttention.Neural.Layers;

internal sealed class NgramEmbeddingBag
{
    /// <summary>Start value of the n-gram hash (any fixed constant; this one is SplitMix64's γ).</summary>
    public const ulong HashSeed = SplitMix64.Gamma;

    private readonly int V, D, _order, _buckets, _unknownId;
    private readonly float _wordDropout;
    private readonly ParameterTensor _table;
    private readonly ParameterArena _arena;
    private readonly SubwordRows? _subwords;
    private int[] _bag = [];         // (G) table rows of every sequence's bag, sequence after sequence
    private int[] _bagOffsets = [];  // (B + 1) sequence b's rows are _bag[_bagOffsets[b] .. _bagOffsets[b + 1])
    private int[] _ids = [];         // (bag ids) after word dropout
    private float[] _weights = [];   // (G) with subword rows: each table row's weight in its sequence's features

    public NgramEmbeddingBag(EncoderClassifierConfig config, ParameterArena arena, ParameterTensor table, SubwordRows? subwords = null)
    {
        _subwords = subwords;
        V = config.VocabularySize;
        D = config.NgramDimension;
        _order = config.NgramOrder;
        _buckets = config.NgramBuckets;
        _wordDropout = config.WordDropout;
        _unknownId = config.UnknownTokenId;
        _arena = arena;
        _table = table;
    }

    /// <summary>The table row of the n-gram <paramref name="ngram"/> (2 ≤ length), for a vocabulary of
    /// <paramref name="vocabularySize"/> and <paramref name="buckets"/> hash buckets:
    /// V + (h mod NB) where h = Mix(… Mix(Mix(seed ⊕ id_0) ⊕ id_1) … ⊕ id_{n−1}) over SplitMix64's mixer.</summary>
    public static int NgramRow(ReadOnlySpan<int> ngram, int vocabularySize, int buckets) =>
        BucketRow(HashSeed, ngram, vocabularySize, buckets);

    /// <summary>The bucket row V + (h mod NB) of a sequence of numbers, h = Mix(… Mix(seed ⊕ x_0) … ⊕ x_{n−1}):
    /// the one hash behind token n-grams and (with their own seed) SubwordRows' character n-grams.</summary>
    internal static int BucketRow(ulong seed, ReadOnlySpan<int> values, int vocabularySize, int buckets)
    {
        ulong h = seed;
        foreach (int x in values) h = SplitMix64.Mix(h ^ (uint)x);
        return vocabularySize + (int)(h % (ulong)buckets);
    }

    /// <summary>|bag| of a sequence of <paramref name="length"/> tokens: Σ_{n=1..n_max} max(0, L − n + 1).</summary>
    public static int BagSize(int length, int order)
    {
        int size = 0;
        for (int n = 1; n <= order && n <= length; n++) size += length - n + 1;
        return size;
    }

    /// <summary>Sizes the bag for <paramref name="batchRows"/> sequences of <paramref name="ids"/> bag ids in all.</summary>
    public void EnsureCapacity(int batchRows, int ids)
    {
        Capacity.Ensure(ref _bag, (long)ids * (_order + (_subwords?.MostRowsPerToken ?? 0)));
        if (_subwords is not null) Capacity.Ensure(ref _weights, (long)ids * (_order + _subwords.MostRowsPerToken));
        Capacity.Ensure(ref _ids, ids);
        Capacity.Ensure(ref _bagOffsets, batchRows + 1L);
    }

    /// <summary>The bag's table rows of the last forward, sequence after sequence (the rows its backward touches).</summary>
    internal ReadOnlySpan<int> Bag(int sequences) => _bag.AsSpan(0, _bagOffsets[sequences]);

    /// <summary>features[b, column .. column + D) (row stride <paramref name="featureStride"/>) = mean of
    /// the table rows of sequence b's n-grams, over the batch's bag ids; with word dropout when training.</summary>
    public void Forward(float[] features, int featureStride, int column, TokenBatch batch, bool training, ulong dropoutKey, int threads)
    {
        ReadOnlySpan<int> offsets = batch.BagOffsets;
        Span<int> ids = _ids.AsSpan(0, offsets[batch.Count]);
        batch.BagIds.CopyTo(ids);
        if (training && _wordDropout > 0f) Dropout.DropIds(ids, _wordDropout, _unknownId, dropoutKey);
        int g = 0;
        _bagOffsets[0] = 0;
        for (int b = 0; b < batch.Count; b++)
        {
            ReadOnlySpan<int> sequence = ids[offsets[b]..offsets[b + 1]];
            sequence.CopyTo(_bag.AsSpan(g));
            g += sequence.Length;
            for (int n = 2; n <= _order; n++)
            {
                for (int t = 0; t + n <= sequence.Length; t++) _bag[g++] = NgramRow(sequence.Slice(t, n), V, _buckets);
            }
            if (_subwords is not null)
            {
                // Every unigram and n-gram is one slot of weight 1/slots; a token's subword rows share its slot's weight.
                int start = _bagOffsets[b], slots = g - start;
                float slot = slots == 0 ? 0f : 1f / slots;
                _weights.AsSpan(start, slots).Fill(slot);
                foreach (int id in sequence)
                {
                    ReadOnlySpan<int> rows = _subwords.Of(id);
                    if (rows.Length == 0) continue;
                    rows.CopyTo(_bag.AsSpan(g));
                    _weights.AsSpan(g, rows.Length).Fill(slot / rows.Length);
                    g += rows.Length;
                }
            }
            _bagOffsets[b + 1] = g;
        }
        var body = new ForwardBody
        {
            Features = features, Stride = featureStride, Column = column, Bag = _bag, BagOffsets = _bagOffsets,
            Table = _arena.ValueArray, TableOffset = _table.Offset, D = D, Weights = _subwords is null ? null : _weights,
        };
        WorkerPool.Shared.For(batch.Count, threads, ref body);
    }

    /// <summary>dW[g] += dfeatures[b, column .. column + D) · (g's weight: 1 / |bag_b|, or its subword
    /// weight) for every g in bag_b, serially in bag order.</summary>
    public void Backward(float[] dfeatures, int featureStride, int column, int sequences)
    {
        Span<float> dtable = _arena.GradientsOf(_table);
        for (int b = 0; b < sequences; b++)
        {
            int start = _bagOffsets[b], count = _bagOffsets[b + 1] - start;
            if (count == 0) continue;
            ReadOnlySpan<float> dm = dfeatures.AsSpan(b * featureStride + column, D);
            float scale = 1f / count;
            for (int i = start; i < start + count; i++)
            {
                Span<float> row = dtable.Slice(_bag[i] * D, D);
                TensorPrimitives.MultiplyAdd(dm, _subwords is null ? scale : _weights[i], row, row);
            }
        }
    }

    private struct ForwardBody : IParallelBody
    {
        public float[] Features, Table;
        public float[]? Weights;
        public int[] Bag, BagOffsets;
        public int Stride, Column, TableOffset, D;

        public readonly void Execute(int b)
        {
            Span<float> m = Features.AsSpan(b * Stride + Column, D);
            m.Clear();
            int start = BagOffsets[b], count = BagOffsets[b + 1] - start;
            if (count == 0) return;
            if (Weights is not null)
            {
                for (int i = start; i < start + count; i++)
                    TensorPrimitives.MultiplyAdd(Table.AsSpan(TableOffset + Bag[i] * D, D), Weights[i], m, m);
                return;
            }
            for (int i = start; i < start + count; i++)
                TensorPrimitives.Add(m, Table.AsSpan(TableOffset + Bag[i] * D, D), m);
            TensorPrimitives.Multiply(m, 1f / count, m);
        }
    }
}
