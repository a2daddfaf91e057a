// The training (or validation) data after encoding, held compactly: every row's token ids back to
// back in one int pool, row boundaries in an offset array, and the 0-based class of each row. No
// strings are kept, so memory is ~4 bytes per token whatever the size of the original text.
namespace MlNetAttention.Trainers;

internal sealed class EncodedRows
{
    private int[] _ids = new int[4096];
    private int[] _offsets = new int[257];   // (Count + 1)
    private int[] _labels = new int[256];    // (Count)

    /// <summary>Rows stored.</summary>
    public int Count { get; private set; }

    /// <summary>Tokens stored, all rows together.</summary>
    public long TokenCount => _offsets[Count];

    /// <summary>Appends a row of token ids and its 0-based class.</summary>
    public void Add(ReadOnlySpan<int> ids, int label)
    {
        if (Count == _labels.Length)
        {
            Array.Resize(ref _labels, _labels.Length * 2);
            Array.Resize(ref _offsets, _labels.Length + 1);
        }
        int start = _offsets[Count];
        if ((long)start + ids.Length > Array.MaxLength)
            throw new InvalidOperationException($"The encoded training data exceeds {Array.MaxLength} tokens; use a shorter MaximumSequenceLength or fewer rows.");
        if (start + ids.Length > _ids.Length)
            Array.Resize(ref _ids, (int)Math.Min(Array.MaxLength, Math.Max(2L * _ids.Length, start + ids.Length)));
        ids.CopyTo(_ids.AsSpan(start));
        _labels[Count] = label;
        _offsets[Count + 1] = start + ids.Length;
        Count++;
    }

    /// <summary>The token ids of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> Row(int row) => _ids.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>The number of tokens of row <paramref name="row"/>.</summary>
    public int Length(int row) => _offsets[row + 1] - _offsets[row];

    /// <summary>The 0-based class of row <paramref name="row"/>.</summary>
    public int Label(int row) => _labels[row];
}
