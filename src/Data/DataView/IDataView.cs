// IDataView, the ML.NET data abstraction: a schema plus cursors over rows. Views are lazy and
// immutable; every cursor re-reads its source (a file, a collection, another view), so a 1 GB file
// never has to be held in memory. CanShuffle says whether GetRowCursor honours a Random.
namespace MlNetAttention;

/// <summary>A lazily evaluated table with a fixed schema.</summary>
public interface IDataView
{
    /// <summary>True when <see cref="GetRowCursor"/> can return rows in a random order.</summary>
    bool CanShuffle { get; }

    /// <summary>The number of rows if known cheaply, otherwise null (e.g. a streamed file).</summary>
    long? GetRowCount();

    /// <summary>A cursor whose active columns are <paramref name="columnsNeeded"/>; when
    /// <paramref name="rand"/> is given and <see cref="CanShuffle"/> is true, rows come in random order.</summary>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    /// <summary>The columns of every row.</summary>
    DataViewSchema Schema { get; }
}
