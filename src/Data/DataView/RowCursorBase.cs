// A base for cursors: it keeps the schema, which columns are active and the row position, checks
// every GetGetter call (column of this schema, active, right raw type) and words the errors, so a
// new IDataView only has to implement moving to the next row and making a getter per column.
// Public so that components in other assemblies (e.g. a scoring transformer that reads its input
// ahead in batches) can write their own IDataView in a few lines.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Cursor plumbing: active columns, position, checked typed getters.</summary>
public abstract class RowCursorBase : DataViewRowCursor
{
    private readonly DataViewSchema _schema;
    private readonly bool[] _active;
    private readonly Delegate?[] _getters;
    private long _position = -1;
    private bool _finished;

    /// <summary>A cursor over <paramref name="schema"/> with <paramref name="columnsNeeded"/> active.</summary>
    protected RowCursorBase(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _active = ActiveFlags(schema, columnsNeeded);
        _getters = new Delegate?[schema.Count];
    }

    public sealed override DataViewSchema Schema => _schema;

    public sealed override long Position => _position;

    /// <summary>True once MoveNext has returned false.</summary>
    protected bool IsFinished => _finished;

    public sealed override bool MoveNext()
    {
        if (_finished) return false;
        if (MoveNextCore())
        {
            _position++;
            return true;
        }
        _finished = true;
        return false;
    }

    /// <summary>Advances the underlying source; false at the end.</summary>
    protected abstract bool MoveNextCore();

    /// <summary>Makes the getter of active column <paramref name="columnIndex"/>, a ValueGetter of the
    /// column's raw type. Called at most once per column per cursor.</summary>
    protected abstract Delegate MakeGetter(int columnIndex);

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId id) => id = DataViewRowId.FromPosition(CheckPosition());

    public sealed override bool IsColumnActive(DataViewSchema.Column column) => _active[CheckColumn(column)];

    /// <summary>True when column <paramref name="columnIndex"/> was requested.</summary>
    protected bool IsActive(int columnIndex) => _active[columnIndex];

    public sealed override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = CheckColumn(column);
        if (!_active[index])
            throw new InvalidOperationException(
                $"Column '{column.Name}' is not active in this cursor; include it in columnsNeeded when calling GetRowCursor.");
        var getter = _getters[index] ??= MakeGetter(index);
        return getter as ValueGetter<TValue> ?? throw WrongGetterType(_schema[index], typeof(TValue));
    }

    /// <summary>The current position; throws when the cursor is not on a row.</summary>
    protected long CheckPosition()
    {
        if (_position < 0 || _finished)
            throw new InvalidOperationException("The cursor is not on a row: call MoveNext first (and check it returned true).");
        return _position;
    }

    private int CheckColumn(DataViewSchema.Column column)
    {
        if ((uint)column.Index >= (uint)_schema.Count || _schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' (index {column.Index}) does not belong to this cursor's schema.");
        return column.Index;
    }

    /// <summary>The active flags for <paramref name="columnsNeeded"/>, checking they belong to <paramref name="schema"/>.</summary>
    public static bool[] ActiveFlags(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[schema.Count];
        foreach (var column in columnsNeeded)
        {
            if ((uint)column.Index >= (uint)schema.Count || schema[column.Index].Name != column.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), column.Name,
                    $"Column '{column.Name}' (index {column.Index}) does not belong to this data view's schema.");
            active[column.Index] = true;
        }
        return active;
    }

    /// <summary>The error for a getter asked with the wrong raw type.</summary>
    public static InvalidOperationException WrongGetterType(DataViewSchema.Column column, Type requested) =>
        new($"Column '{column.Name}' has type {column.Type} (raw type {TypeNames.Friendly(column.Type.RawType)}), " +
            $"but its getter was requested as {TypeNames.Friendly(requested)}.");
}
