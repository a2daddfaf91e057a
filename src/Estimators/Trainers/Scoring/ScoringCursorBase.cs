// The plumbing of the cursors our scored data view hands out: the schema, which columns are active,
// the row position, and checked typed getters with worded errors, so a cursor only implements moving
// to the next row and making a getter per column.
namespace MlNetAttention.Trainers;

internal abstract class ScoringCursorBase : DataViewRowCursor
{
    private readonly DataViewSchema _schema;
    private readonly bool[] _active;
    private readonly Delegate?[] _getters;
    private long _position = -1;
    private bool _finished;

    protected ScoringCursorBase(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        _schema = schema;
        _active = ActiveFlags(schema, columnsNeeded);
        _getters = new Delegate?[schema.Count];
    }

    public sealed override DataViewSchema Schema => _schema;

    public sealed override long Position => _position;

    public override long Batch => 0;

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
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' has type {column.Type} (raw type {column.Type.RawType.Name}), but its getter was requested as {typeof(TValue).Name}.");
    }

    /// <summary>Throws when the cursor is not on a row.</summary>
    protected void CheckPosition()
    {
        if (_position < 0 || _finished)
            throw new InvalidOperationException("The cursor is not on a row: call MoveNext first (and check it returned true).");
    }

    private int CheckColumn(DataViewSchema.Column column)
    {
        if ((uint)column.Index >= (uint)_schema.Count || _schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' (index {column.Index}) does not belong to this cursor's schema.");
        return column.Index;
    }

    /// <summary>The getter of <paramref name="column"/> of <paramref name="row"/> as a ValueGetter of the column's raw type.</summary>
    public static Delegate GetterOf(DataViewRow row, DataViewSchema.Column column) =>
        (Delegate)GetGetterMethod.MakeGenericMethod(column.Type.RawType).Invoke(row, [column])!;

    private static readonly System.Reflection.MethodInfo GetGetterMethod =
        typeof(DataViewRow).GetMethod(nameof(DataViewRow.GetGetter))!;

    /// <summary>The active flags for <paramref name="columnsNeeded"/>, checking they belong to <paramref name="schema"/>.</summary>
    public static bool[] ActiveFlags(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
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
}
