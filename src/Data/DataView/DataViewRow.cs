// A row and a cursor over rows, as in ML.NET. A cursor starts before the first row; MoveNext
// advances it. Values are read through typed getters made once per column and called per row.
// Only columns requested when the cursor was made ("active") have getters; asking for another
// column, or with the wrong raw type, is an InvalidOperationException naming the column.
namespace MlNetAttention;

/// <summary>One row of an IDataView: a schema and typed getters for its active columns.</summary>
public abstract class DataViewRow : IDisposable
{
    /// <summary>The schema of this row.</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>The 0-based index of the current row, -1 before the first MoveNext.</summary>
    public abstract long Position { get; }

    /// <summary>Rows from different cursors of one cursor set share a batch number; 0 here.</summary>
    public virtual long Batch => 0;

    /// <summary>True when the column was requested when the cursor was made.</summary>
    public abstract bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>A getter for the column's value at the current row.</summary>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <summary>A getter for a row id that is unique and stable for this data view.</summary>
    public abstract ValueGetter<DataViewRowId> GetIdGetter();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}

/// <summary>A row that moves forward through an IDataView.</summary>
public abstract class DataViewRowCursor : DataViewRow
{
    /// <summary>Advances to the next row; false when there is none.</summary>
    public abstract bool MoveNext();
}
