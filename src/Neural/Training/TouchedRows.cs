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
}
