// Orders the training rows into batches for one epoch so that little work goes to padding, while
// keeping batches random: shuffle all rows, cut the shuffled list into chunks of ChunkBatches
// batches, sort each chunk by length, cut it into batches, and shuffle the order of the batches
// (the "bucket iterator" of torchtext / fairseq). The engine packs real tokens and skips padding,
// but attention still costs Σ L² per row and a batch's memory is sized by its longest row, so
// similar lengths together help; chunking keeps the composition of batches different every epoch.
// Deterministic: the order depends only on the Random given to Shuffle.
namespace MlNetAttention.Trainers;

internal sealed class LengthBucketBatcher
{
    /// <summary>Batches per sorted chunk: large enough to group lengths well, small enough to stay random.</summary>
    public const int ChunkBatches = 50;

    private readonly int[] _rows;        // the rows of the epoch, in batch order after Shuffle
    private readonly int[] _lengths;     // scratch: lengths of a chunk, the sort keys
    private readonly int[] _batchStarts; // start of each batch in _rows, in sorted order
    private readonly int[] _batchOrder;  // the order batches are served in
    private readonly EncodedRows _data;

    public LengthBucketBatcher(ReadOnlySpan<int> rows, EncodedRows data, int batchSize)
    {
        _rows = rows.ToArray();
        _data = data;
        BatchSize = batchSize;
        BatchCount = (_rows.Length + batchSize - 1) / batchSize;
        _lengths = new int[Math.Min(_rows.Length, batchSize * ChunkBatches)];
        _batchStarts = new int[BatchCount];
        _batchOrder = new int[BatchCount];
        for (int b = 0; b < BatchCount; b++) _batchStarts[b] = b * batchSize;
    }

    public int BatchSize { get; }

    /// <summary>Batches per epoch; the last may be smaller than BatchSize.</summary>
    public int BatchCount { get; }

    /// <summary>Draws a new batch order for the next epoch.</summary>
    public void Shuffle(Random random)
    {
        random.Shuffle(_rows);
        int chunk = BatchSize * ChunkBatches;
        for (int start = 0; start < _rows.Length; start += chunk)
        {
            int count = Math.Min(chunk, _rows.Length - start);
            for (int i = 0; i < count; i++) _lengths[i] = _data.Length(_rows[start + i]);
            // Introsort is not stable, but it is deterministic: equal inputs give equal orders.
            _lengths.AsSpan(0, count).Sort(_rows.AsSpan(start, count));
        }
        for (int b = 0; b < BatchCount; b++) _batchOrder[b] = b;
        random.Shuffle(_batchOrder);
    }

    /// <summary>The rows of the <paramref name="index"/>-th batch of this epoch.</summary>
    public ReadOnlySpan<int> Batch(int index)
    {
        int start = _batchStarts[_batchOrder[index]];
        return _rows.AsSpan(start, Math.Min(BatchSize, _rows.Length - start));
    }
}
