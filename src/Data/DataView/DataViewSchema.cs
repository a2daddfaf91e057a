// The schema of an IDataView, as in ML.NET: an ordered list of named, typed columns with
// annotations. Names may repeat: a later column with the same name hides the earlier one (this is
// how a transform "replaces" a column without copying the rest of the row), and lookups by name
// find the visible one. Schemas are immutable; build them with DataViewSchema.Builder.
using System.Collections;
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>The ordered, named, typed columns of an IDataView.</summary>
public sealed partial class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _visibleByName;

    private DataViewSchema(IReadOnlyList<DetachedColumn> columns)
    {
        _columns = new Column[columns.Count];
        _visibleByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++) _visibleByName[columns[i].Name] = i;
        for (int i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            _columns[i] = new Column(c.Name, i, _visibleByName[c.Name] != i, c.Type, c.Annotations);
        }
    }

    /// <summary>A schema with the given columns, in order.</summary>
    public static DataViewSchema Create(IEnumerable<DetachedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new DataViewSchema(columns.ToList());
    }

    /// <summary>The empty schema.</summary>
    public static DataViewSchema Empty { get; } = new([]);

    public int Count => _columns.Length;

    /// <summary>The column at <paramref name="columnIndex"/> (hidden or not).</summary>
    public Column this[int columnIndex]
    {
        get
        {
            if ((uint)columnIndex >= (uint)_columns.Length)
                throw new ArgumentOutOfRangeException(nameof(columnIndex), columnIndex,
                    $"Column index must be in [0, {_columns.Length}).");
            return _columns[columnIndex];
        }
    }

    /// <summary>The visible column named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such column; the message lists the available ones.</exception>
    public Column this[string name] =>
        GetColumnOrNull(name) ?? throw SchemaErrors.ColumnNotFound(name, this);

    /// <summary>The visible column named <paramref name="name"/>, or null.</summary>
    public Column? GetColumnOrNull(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _visibleByName.TryGetValue(name, out int index) ? _columns[index] : null;
    }

    /// <summary>The names of the visible columns, in order.</summary>
    public IEnumerable<string> VisibleColumnNames => _columns.Where(c => !c.IsHidden).Select(c => c.Name);

    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", _columns.Select(c => c.ToString()));

    /// <summary>One column: its name, position, type, annotations, and whether a later column hides it.</summary>
    public readonly struct Column
    {
        public string Name { get; }
        public int Index { get; }
        public bool IsHidden { get; }
        public DataViewType Type { get; }
        public Annotations Annotations { get; }

        internal Column(string name, int index, bool isHidden, DataViewType type, Annotations annotations)
        {
            Name = name;
            Index = index;
            IsHidden = isHidden;
            Type = type;
            Annotations = annotations;
        }

        public override string ToString() => $"{Name}: {Type}{(IsHidden ? " (hidden)" : "")}";
    }

    /// <summary>A column description not attached to any schema, used to build one.</summary>
    public readonly struct DetachedColumn
    {
        public string Name { get; }
        public DataViewType Type { get; }
        public Annotations Annotations { get; }

        public DetachedColumn(string name, DataViewType type, Annotations? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(type);
            Name = name;
            Type = type;
            Annotations = annotations ?? Annotations.Empty;
        }

        public DetachedColumn(Column column) : this(column.Name, column.Type, column.Annotations) { }

        public override string ToString() => $"{Name}: {Type}";
    }

    /// <summary>Builds a schema column by column.</summary>
    public sealed class Builder
    {
        private readonly List<DetachedColumn> _columns = [];

        public void AddColumn(string name, DataViewType type, Annotations? annotations = null) =>
            _columns.Add(new DetachedColumn(name, type, annotations));

        public void AddColumn(DetachedColumn column) => _columns.Add(column);

        public void AddColumns(IEnumerable<Column> columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            foreach (var c in columns) _columns.Add(new DetachedColumn(c));
        }

        public void AddColumns(IEnumerable<DetachedColumn> columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            _columns.AddRange(columns);
        }

        public DataViewSchema ToSchema() => new(_columns.ToList());
    }
}
