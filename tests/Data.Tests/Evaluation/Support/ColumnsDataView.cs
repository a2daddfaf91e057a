// An in-memory data view built column by column, for evaluation tests that need types and annotations
// LoadFromEnumerable cannot express (a Score vector with SlotNames, a key label with KeyValues, a
// Single label holding NaN). It also records every cursor opened and the columns it asked for, so a
// test can prove that an evaluator reads the data in one pass and only the columns it needs.
namespace MlNetAttention.Data.Tests.Evaluation.Support;

public sealed class ColumnsDataView : IDataView
{
    private readonly List<Func<Func<long>, Delegate>> _getterFactories = [];
    private readonly DataViewSchema.Builder _builder = new();
    private DataViewSchema? _schema;
    private int _rowCount = -1;

    /// <summary>The active column names of every cursor opened so far, in order.</summary>
    public List<string[]> CursorsOpened { get; } = [];

    /// <summary>Adds a column whose raw values are <paramref name="values"/> (one per row).</summary>
    public ColumnsDataView Add<T>(string name, DataViewType type, T[] values, DataViewSchema.Annotations? annotations = null)
    {
        if (_schema is not null) throw new InvalidOperationException("Add every column before reading the view.");
        if (type.RawType != typeof(T)) throw new ArgumentException($"Column '{name}' of type {type} needs raw type {type.RawType.Name}.");
        if (_rowCount >= 0 && values.Length != _rowCount)
            throw new ArgumentException($"Column '{name}' has {values.Length} rows, the others {_rowCount}.");
        _rowCount = values.Length;
        _builder.AddColumn(name, type, annotations);
        _getterFactories.Add(position => new ValueGetter<T>((ref T value) => value = values[position()]));
        return this;
    }

    public DataViewSchema Schema => _schema ??= _builder.ToSchema();

    public bool CanShuffle => false;

    public long? GetRowCount() => Math.Max(_rowCount, 0);

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        CursorsOpened.Add(needed.Select(c => c.Name).ToArray());
        return new Cursor(this, needed);
    }

    private sealed class Cursor(ColumnsDataView parent, IEnumerable<DataViewSchema.Column> needed)
        : RowCursorBase(parent.Schema, needed)
    {
        protected override bool MoveNextCore() => Position + 1 < Math.Max(parent._rowCount, 0);

        protected override Delegate MakeGetter(int columnIndex) => parent._getterFactories[columnIndex](() => CheckPosition());
    }
}
