// The rows of a large embedding table (the n-gram bag's) that the current step's gradient touches.
// A batch looks up a few thousand of the table's hundreds of thousands of rows, so zeroing, clipping
// and updating the whole table every step would cost far more than the step itself; with this set
// those passes visit only the touched rows ("lazy" row-sparse updates: TensorFlow's LazyAdam,
// torch.optim.SparseAdam). Rows outside the set have a zero gradient, so the gradient norm is the
// same as a dense pass's; only AdamW differs, by leaving untouched rows (and their moments) as they are.
// Allocated once for the table's row count; adding and clearing never allocate.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Neural.Training;

public sealed class TouchedRows
{
    private readonly int[] _stamp;   // (rows) the generation in which each row was last added
    private readonly int[] _rows;    // (rows) the touched rows, first Count valid
    private int _generation = 1;

    public TouchedRows(ParameterTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Shape.Count != 2)
            throw new ArgumentException($"a row-sparse tensor must be a (rows, width) table; {tensor} is not.", nameof(tensor));
        Tensor = tensor;
        _stamp = new int[tensor.Shape[0]];
        _rows = new int[tensor.Shape[0]];
    }

    /// <summary>The (rows, width) table whose rows are tracked.</summary>
    public ParameterTensor Tensor { get; }

    /// <summary>Floats per row.</summary>
    public int RowWidth => Tensor.Shape[1];

    /// <summary>Rows touched since the last Clear.</summary>
    public int Count { get; private set; }

    /// <summary>The touched rows, each once, ascending after <see cref="Sort"/>.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>Forgets every row.</summary>
    public void Clear()
    {
        Count = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    /// <summary>Adds each of <paramref name="rows"/> not added since the last Clear.</summary>
    public void Add(ReadOnlySpan<int> rows)
    {
        foreach (int row in rows)
        {
            if (_stamp[row] == _generation) continue;
            _stamp[row] = _generation;
            _rows[Count++] = row;
        }
    }

    /// <summary>Puts the rows in ascending order, so passes over them are independent of lookup order.</summary>
    public void Sort() => _rows.AsSpan(0, Count).Sort();

    /// <summary>
    /// The (offset, length) ranges of a gradient arena of <paramref name="arenaLength"/> floats that can
    /// be non-zero: all before the table, all after it, then each touched row of it. Passes that zero,
    /// measure or scale the gradients visit these instead of the whole arena. Does not allocate.
    /// </summary>
    public LiveRanges LiveRangesOf(int arenaLength)
    {
        if (arenaLength < Tensor.Offset + Tensor.Length)
            throw new ArgumentException($"an arena of {arenaLength} floats does not hold {Tensor}.", nameof(arenaLength));
        return new LiveRanges(this, arenaLength);
    }

    /// <summary>Enumerates <see cref="LiveRangesOf"/>: before the table, after it, then the touched rows.</summary>
    public struct LiveRanges
    {
        private readonly TouchedRows _set;
        private readonly int _arenaLength;
        private int _index;   // −2: before the table, −1: after it, 0..Count−1: the touched rows

        internal LiveRanges(TouchedRows set, int arenaLength)
        {
            _set = set;
            _arenaLength = arenaLength;
            _index = -3;
        }

        public readonly LiveRanges GetEnumerator() => this;

        public (int Offset, int Length) Current { get; private set; }

        public bool MoveNext()
        {
            int start = _set.Tensor.Offset, end = start + _set.Tensor.Length, width = _set.RowWidth;
            _index++;
            if (_index == -2) Current = (0, start);
            else if (_index == -1) Current = (end, _arenaLength - end);
            else if (_index < _set.Count) Current = (start + _set._rows[_index] * width, width);
            else return false;
            return true;
        }
    }
}
