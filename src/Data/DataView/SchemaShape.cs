// SchemaShape, as in ML.NET: what an estimator can promise about its output before it has seen
// any data. It keeps each column's name, kind (scalar, fixed vector, variable vector), item type,
// key-ness and the annotation kinds present, but not sizes or key counts, which are only known
// after fitting. Estimator.GetOutputSchema(SchemaShape) lets a pipeline be checked before training.
using System.Collections;
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>The predicted shape of a schema: column kinds and item types without sizes.</summary>
public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    public SchemaShape(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
    }

    /// <summary>The shape of an existing schema (hidden columns left out).</summary>
    public static SchemaShape Create(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new SchemaShape(schema.Where(c => !c.IsHidden).Select(c => Column.FromType(c.Name, c.Type, c.Annotations)));
    }

    public int Count => _columns.Length;

    public Column this[int index] => _columns[index];

    /// <summary>Finds the last column named <paramref name="name"/>.</summary>
    public bool TryFindColumn(string name, out Column column)
    {
        for (int i = _columns.Length - 1; i >= 0; i--)
        {
            if (_columns[i].Name == name)
            {
                column = _columns[i];
                return true;
            }
        }
        column = default;
        return false;
    }

    /// <summary>This shape with <paramref name="columns"/> appended; an existing column of the same name is
    /// removed, matching the real output schema where the new column hides the old one (for estimator authors).</summary>
    public SchemaShape AddOrReplace(params Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new SchemaShape(_columns.Where(c => !names.Contains(c.Name)).Concat(columns));
    }

    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", _columns.Select(c => c.ToString()));

    /// <summary>The predicted shape of one column.</summary>
    public readonly struct Column
    {
        /// <summary>Scalar, fixed-size vector, or variable-size vector.</summary>
        public enum VectorKind { Scalar, Vector, VariableVector }

        public string Name { get; }
        public VectorKind Kind { get; }

        /// <summary>The item type; for keys the raw number type (UInt32), since counts come with fitting.</summary>
        public DataViewType ItemType { get; }

        public bool IsKey { get; }

        /// <summary>The annotations the column will carry (names and shapes).</summary>
        public SchemaShape Annotations { get; }

        public Column(string name, VectorKind kind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(itemType);
            if (itemType is KeyDataViewType or VectorDataViewType)
                throw new ArgumentException(
                    $"The item type of a shape is primitive and not a key (use isKey); got {itemType}.", nameof(itemType));
            if (isKey && itemType != NumberDataViewType.UInt32)
                throw new ArgumentException($"Key shapes have item type UInt32, got {itemType}.", nameof(itemType));
            Name = name;
            Kind = kind;
            ItemType = itemType;
            IsKey = isKey;
            Annotations = annotations ?? new SchemaShape([]);
        }

        /// <summary>The shape of a column of <paramref name="type"/>.</summary>
        public static Column FromType(string name, DataViewType type, DataViewSchema.Annotations? annotations = null)
        {
            var kind = type is VectorDataViewType v
                ? (v.IsKnownSize ? VectorKind.Vector : VectorKind.VariableVector)
                : VectorKind.Scalar;
            var item = type.GetItemType();
            bool isKey = item is KeyDataViewType;
            var annotationShape = annotations is null || annotations.Schema.Count == 0
                ? null
                : new SchemaShape(annotations.Schema.Select(a => FromType(a.Name, a.Type)));
            return new Column(name, kind, isKey ? NumberDataViewType.UInt32 : item, isKey, annotationShape);
        }

        /// <summary>True when a column of shape <paramref name="source"/> can be used where this one is expected
        /// (same kind, item type and key-ness, and every annotation this one lists is present there).</summary>
        public bool IsCompatibleWith(Column source) =>
            Kind == source.Kind && ItemType.Equals(source.ItemType) && IsKey == source.IsKey
            && Annotations.All(a => source.Annotations.TryFindColumn(a.Name, out var other) && a.IsCompatibleWith(other));

        /// <summary>The type in words, e.g. "Vector<Key<UInt32>>" or "Text".</summary>
        public string GetTypeString()
        {
            string item = IsKey ? $"Key<{ItemType}>" : ItemType.ToString()!;
            return Kind switch
            {
                VectorKind.Scalar => item,
                VectorKind.Vector => $"Vector<{item}>",
                _ => $"VarVector<{item}>",
            };
        }

        public override string ToString() =>
            $"{Name}: {GetTypeString()}{(Annotations.Count > 0 ? " {" + string.Join(", ", Annotations.Select(a => a.Name)) + "}" : "")}";
    }
}
