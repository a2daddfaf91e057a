// The training (or validation) data after encoding, held compactly: every row's token ids back to
// back in one int pool, row boundaries in an offset array, and the 0-based class of each row. No
// strings are kept, so memory is ~4 bytes per token whatever the size of the original text. When the
// model's n-gram bag reads a longer view of each text than the encoder (SequenceEncoder), those views
// are kept the same way in a second pool.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Trainers;

internal sealed class EncodedRows
{
    private readonly IdPool _ids = new();
    private readonly IdPool? _bagIds;
    private int[] _labels = new int[256];    // (Count)

    /// <param name="withBagViews">Whether every row also has a separate n-gram bag view.</param>
    public EncodedRows(bool withBagViews = false) => _bagIds = withBagViews ? new IdPool() : null;

    /// <summary>The [SEP] id when rows are pairs whose token types the model reads (see
    /// SequenceEncoder.TokenTypes); −1 otherwise.</summary>
    public int TokenTypeSeparatorId { get; init; } = -1;

    /// <summary>Rows stored.</summary>
    public int Count { get; private set; }

    /// <summary>Tokens stored, all rows together (encoder views).</summary>
    public long TokenCount => _ids.Total;

    /// <summary>Whether rows have separate n-gram bag views.</summary>
    public bool HasBagViews => _bagIds is not null;

    /// <summary>Appends a row of token ids and its 0-based class.</summary>
    public void Add(ReadOnlySpan<int> ids, int label)
    {
        if (_bagIds is not null) throw new InvalidOperationException("these rows need a bag view: use Add(ids, bagIds, label).");
        AddLabel(label);
        _ids.Add(ids);
    }

    /// <summary>Appends a row of token ids, its n-gram bag view and its 0-based class.</summary>
    public void Add(ReadOnlySpan<int> ids, ReadOnlySpan<int> bagIds, int label)
    {
        if (_bagIds is null) throw new InvalidOperationException("these rows have no bag view: use Add(ids, label).");
        AddLabel(label);
        _ids.Add(ids);
        _bagIds.Add(bagIds);
    }

    private void AddLabel(int label)
    {
        if (Count == _labels.Length) Array.Resize(ref _labels, _labels.Length * 2);
        _labels[Count++] = label;
    }

    /// <summary>The token ids of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> Row(int row) => _ids.Row(row);

    /// <summary>The n-gram bag view of row <paramref name="row"/> (its token ids when there is none).</summary>
    public ReadOnlySpan<int> BagRow(int row) => _bagIds is null ? _ids.Row(row) : _bagIds.Row(row);

    /// <summary>The number of tokens of row <paramref name="row"/>.</summary>
    public int Length(int row) => _ids.Length(row);

    /// <summary>The 0-based class of row <paramref name="row"/>.</summary>
    public int Label(int row) => _labels[row];

    /// <summary>Adds row <paramref name="row"/> to <paramref name="batch"/> with <paramref name="label"/> (and
    /// its bag view when the batch takes one).</summary>
    public void AddTo(TokenBatch batch, int row, int label)
    {
        if (batch.HasBagIds) batch.Add(Row(row), BagRow(row), label);
        else batch.Add(Row(row), label);
        if (TokenTypeSeparatorId >= 0) SequenceEncoder.SetPairTokenTypes(batch, Row(row), TokenTypeSeparatorId);
    }

    /// <summary>Rows of ids back to back with their boundaries.</summary>
    private sealed class IdPool
    {
        private int[] _ids = new int[4096];
        private int[] _offsets = new int[257];   // (rows + 1)
        private int _rows;

        public long Total => _offsets[_rows];

        public void Add(ReadOnlySpan<int> ids)
        {
            if (_rows + 1 == _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
            int start = _offsets[_rows];
            if ((long)start + ids.Length > Array.MaxLength)
                throw new InvalidOperationException($"The encoded training data exceeds {Array.MaxLength} tokens; use a shorter MaximumSequenceLength or fewer rows.");
            if (start + ids.Length > _ids.Length)
                Array.Resize(ref _ids, (int)Math.Min(Array.MaxLength, Math.Max(2L * _ids.Length, start + ids.Length)));
            ids.CopyTo(_ids.AsSpan(start));
            _offsets[_rows + 1] = start + ids.Length;
            _rows++;
        }

        public ReadOnlySpan<int> Row(int row) => _ids.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

        public int Length(int row) => _offsets[row + 1] - _offsets[row];
    }
}
