// A reusable batch of token sequences with their labels, allocated once for a capacity (rows × max
// length) and refilled every step without allocating. Rows are token ids padded with 0 ([PAD]);
// each row has its own length, and the batch's padded length T is its longest row.
//
// Besides the padded (Capacity, MaxLength) id matrix the batch keeps the packed form the engine
// computes on: the N = Σ lengths real tokens back to back, with each row's offset and each token's
// position. Padded positions receive no attention and no pooling weight in the PyTorch reference (key
// padding mask), so they cannot influence any output or gradient; the engine therefore never computes
// them, which is exact and saves the padding's share of the work.
//
// Optionally (maxBagLength > 0) each row also carries the ids the n-gram bag reads, which may be a
// longer view of the same text than the encoder's: the bag costs O(1) per token while the encoder
// costs O(L) per token, so for long texts the bag reads the whole text and the encoder a window of it.
// Without them, the bag reads the encoder's ids.
namespace MlNetAttention.Neural.Model;

public sealed class TokenBatch
{
    private readonly int[] _paddedIds;   // (Capacity, MaxLength), 0 = [PAD]
    private readonly int[] _lengths;     // (Capacity)
    private readonly int[] _labels;      // (Capacity), −1 = none
    private readonly int[] _offsets;     // (Capacity + 1): row b's tokens are packed [offsets[b], offsets[b+1])
    private readonly long[] _squareOffsets; // (Capacity + 1): Σ_{b' < b} length(b')², to pack (L × L) blocks
    private readonly int[] _packedIds;   // (Capacity · MaxLength)
    private readonly int[] _positions;   // (Capacity · MaxLength): position of each packed token in its row
    private readonly int[] _tokenTypes;  // (Capacity · MaxLength): BERT segment id of each packed token, 0 unless set
    private readonly int[] _bagIds;      // (Capacity · MaxBagLength): every row's bag ids back to back
    private readonly int[] _bagOffsets;  // (Capacity + 1)

    /// <param name="capacity">Most rows.</param>
    /// <param name="maxLength">Longest row of encoder ids.</param>
    /// <param name="maxBagLength">Longest row of separate n-gram bag ids; 0 (default): rows have none and
    /// the bag reads the encoder ids.</param>
    public TokenBatch(int capacity, int maxLength, int maxBagLength = 0)
    {
        if (capacity < 1) throw new ArgumentException($"capacity must be positive, got {capacity}.", nameof(capacity));
        if (maxLength < 1) throw new ArgumentException($"maxLength must be positive, got {maxLength}.", nameof(maxLength));
        if (maxBagLength < 0) throw new ArgumentException($"maxBagLength must not be negative, got {maxBagLength}.", nameof(maxBagLength));
        if ((long)capacity * maxLength > int.MaxValue / 16)
            throw new ArgumentException($"capacity {capacity} × maxLength {maxLength} is too large.", nameof(capacity));
        if ((long)capacity * maxBagLength > int.MaxValue / 16)
            throw new ArgumentException($"capacity {capacity} × maxBagLength {maxBagLength} is too large.", nameof(maxBagLength));
        Capacity = capacity;
        MaxLength = maxLength;
        MaxBagLength = maxBagLength;
        _bagIds = new int[capacity * maxBagLength];
        _bagOffsets = new int[maxBagLength > 0 ? capacity + 1 : 0];
        _paddedIds = new int[capacity * maxLength];
        _lengths = new int[capacity];
        _labels = new int[capacity];
        _offsets = new int[capacity + 1];
        _squareOffsets = new long[capacity + 1];
        _packedIds = new int[capacity * maxLength];
        _positions = new int[capacity * maxLength];
        _tokenTypes = new int[capacity * maxLength];
    }

    /// <summary>Most rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>Longest row the batch can hold.</summary>
    public int MaxLength { get; }

    /// <summary>Longest row of separate n-gram bag ids; 0 when rows carry none.</summary>
    public int MaxBagLength { get; }

    /// <summary>Whether rows carry separate n-gram bag ids.</summary>
    public bool HasBagIds => MaxBagLength > 0;

    /// <summary>Rows currently in the batch (B).</summary>
    public int Count { get; private set; }

    /// <summary>Length of the longest row (T); 0 for an empty batch.</summary>
    public int PaddedLength { get; private set; }

    /// <summary>Real (non-pad) tokens in the batch, N = Σ lengths.</summary>
    public int TokenCount => _offsets[Count];

    /// <summary>Token ids of every row, (Capacity, MaxLength) row-major, padded with 0.</summary>
    public ReadOnlySpan<int> PaddedIds => _paddedIds;

    /// <summary>Length of each row, (Count).</summary>
    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Count);

    /// <summary>Label of each row, (Count); −1 where none was given.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, Count);

    /// <summary>The ids of row <paramref name="row"/> (its real tokens only).</summary>
    public ReadOnlySpan<int> Row(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), row, $"the batch has {Count} rows.");
        return _paddedIds.AsSpan(row * MaxLength, _lengths[row]);
    }

    /// <summary>Empties the batch (keeps its memory).</summary>
    public void Clear()
    {
        for (int b = 0; b < Count; b++) _paddedIds.AsSpan(b * MaxLength, _lengths[b]).Clear();
        Count = 0;
        PaddedLength = 0;
    }

    /// <summary>
    /// Appends a row of token ids (no padding: every id must be ≥ 1, since 0 is [PAD]) and its label
    /// (−1 for none, e.g. for prediction). A row may be empty; it then pools to zeros.
    /// </summary>
    public void Add(ReadOnlySpan<int> tokenIds, int label = -1)
    {
        if (HasBagIds)
            throw new InvalidOperationException("this batch carries separate n-gram bag ids: use Add(tokenIds, bagIds, label).");
        AddRow(tokenIds, label);
    }

    /// <summary>
    /// Appends a row of encoder ids, the ids its n-gram bag reads (for instance the whole text when the
    /// encoder ids are a window of it; every id ≥ 1), and its label. Needs a batch made with maxBagLength.
    /// </summary>
    public void Add(ReadOnlySpan<int> tokenIds, ReadOnlySpan<int> bagIds, int label = -1)
    {
        if (!HasBagIds) throw new InvalidOperationException("this batch was made without maxBagLength: it carries no n-gram bag ids.");
        if (Count == Capacity) throw new InvalidOperationException($"the batch is full ({Capacity} rows).");
        if (bagIds.Length > MaxBagLength)
            throw new ArgumentException($"bag row has {bagIds.Length} ids, more than the batch's MaxBagLength {MaxBagLength}.", nameof(bagIds));
        for (int t = 0; t < bagIds.Length; t++)
        {
            if (bagIds[t] <= 0)
                throw new ArgumentException($"bag id {t} of the row is {bagIds[t]}; ids must be ≥ 1 (0 is [PAD]).", nameof(bagIds));
        }
        AddRow(tokenIds, label);
        int b = Count - 1;
        bagIds.CopyTo(_bagIds.AsSpan(_bagOffsets[b]));
        _bagOffsets[b + 1] = _bagOffsets[b] + bagIds.Length;
    }

    private void AddRow(ReadOnlySpan<int> tokenIds, int label)
    {
        if (Count == Capacity) throw new InvalidOperationException($"the batch is full ({Capacity} rows).");
        if (tokenIds.Length > MaxLength)
            throw new ArgumentException($"row has {tokenIds.Length} tokens, more than the batch's MaxLength {MaxLength}.", nameof(tokenIds));
        if (label < -1) throw new ArgumentException($"label must be ≥ 0, or −1 for none; got {label}.", nameof(label));
        for (int t = 0; t < tokenIds.Length; t++)
        {
            if (tokenIds[t] <= 0)
                throw new ArgumentException($"token {t} of the row is {tokenIds[t]}; ids must be ≥ 1 (0 is [PAD]).", nameof(tokenIds));
        }
        int b = Count;
        tokenIds.CopyTo(_paddedIds.AsSpan(b * MaxLength));
        _lengths[b] = tokenIds.Length;
        _labels[b] = label;
        int offset = _offsets[b];
        tokenIds.CopyTo(_packedIds.AsSpan(offset));
        for (int t = 0; t < tokenIds.Length; t++) _positions[offset + t] = t;
        _tokenTypes.AsSpan(offset, tokenIds.Length).Clear();
        _offsets[b + 1] = offset + tokenIds.Length;
        _squareOffsets[b + 1] = _squareOffsets[b] + (long)tokenIds.Length * tokenIds.Length;
        PaddedLength = Math.Max(PaddedLength, tokenIds.Length);
        Count = b + 1;
    }

    /// <summary>
    /// Sets the token types (BERT segment ids: 0 for the first sentence, 1 for the second of a pair) of
    /// the row added last; every row's types are 0 until set. Only a Bert encoder reads them.
    /// </summary>
    public void SetLastRowTokenTypes(ReadOnlySpan<int> tokenTypes)
    {
        if (Count == 0) throw new InvalidOperationException("the batch is empty: add a row before setting its token types.");
        int b = Count - 1, offset = _offsets[b], length = _lengths[b];
        if (tokenTypes.Length != length)
            throw new ArgumentException($"tokenTypes has {tokenTypes.Length} entries for a row of {length} tokens.", nameof(tokenTypes));
        for (int t = 0; t < length; t++)
        {
            if (tokenTypes[t] < 0) throw new ArgumentException($"token type {t} of the row is {tokenTypes[t]}; types must be ≥ 0.", nameof(tokenTypes));
        }
        tokenTypes.CopyTo(_tokenTypes.AsSpan(offset, length));
    }

    /// <summary>
    /// Replaces the contents with <paramref name="rows"/> rows of a padded (rows, columns) id matrix, as
    /// the PyTorch reference builds it: each row's real tokens first, then 0s. A 0 followed by a
    /// non-zero id in the same row is rejected.
    /// </summary>
    public void SetPadded(ReadOnlySpan<int> paddedIds, int rows, int columns, ReadOnlySpan<int> labels)
    {
        if (rows < 0 || rows > Capacity) throw new ArgumentException($"rows must be in [0, {Capacity}], got {rows}.", nameof(rows));
        if (columns < 0) throw new ArgumentException($"columns must be non-negative, got {columns}.", nameof(columns));
        if (paddedIds.Length < rows * columns)
            throw new ArgumentException($"paddedIds holds {paddedIds.Length} ids, fewer than {rows} × {columns}.", nameof(paddedIds));
        if (labels.Length != rows) throw new ArgumentException($"labels has {labels.Length} entries for {rows} rows.", nameof(labels));
        Clear();
        for (int b = 0; b < rows; b++)
        {
            ReadOnlySpan<int> row = paddedIds.Slice(b * columns, columns);
            int length = row.IndexOf(0);
            if (length < 0) length = columns;
            else if (row.Slice(length).IndexOfAnyExcept(0) >= 0)
                throw new ArgumentException($"row {b} has a token after padding; pads (0) must come last.", nameof(paddedIds));
            Add(row.Slice(0, length), labels[b]);
        }
    }

    /// <summary>The ids the n-gram bag reads, every row back to back: the separate bag ids, else the packed ids.</summary>
    internal ReadOnlySpan<int> BagIds => HasBagIds ? _bagIds.AsSpan(0, _bagOffsets[Count]) : PackedIds;

    /// <summary>(Count + 1) row boundaries of <see cref="BagIds"/>.</summary>
    internal ReadOnlySpan<int> BagOffsets => HasBagIds ? _bagOffsets.AsSpan(0, Count + 1) : Offsets;

    /// <summary>Most bag ids a batch of this capacity can hold.</summary>
    internal int BagIdCapacity => HasBagIds ? _bagIds.Length : _packedIds.Length;

    internal ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count + 1);
    internal ReadOnlySpan<long> SquareOffsets => _squareOffsets.AsSpan(0, Count + 1);
    internal ReadOnlySpan<int> PackedIds => _packedIds.AsSpan(0, TokenCount);
    internal ReadOnlySpan<int> Positions => _positions.AsSpan(0, TokenCount);
    internal ReadOnlySpan<int> TokenTypes => _tokenTypes.AsSpan(0, TokenCount);
    internal int[] OffsetArray => _offsets;
    internal long[] SquareOffsetArray => _squareOffsets;
    internal int[] PackedIdArray => _packedIds;
    internal int[] PositionArray => _positions;
    internal int[] LengthArray => _lengths;
}
