// Column annotations, as in ML.NET: named extra values attached to a column, each with its own
// type and getter. The two kinds this library uses are KeyValues (the original value of each key,
// a vector of length Count) and SlotNames (a text name for each element of a fixed-size vector).
using MlNetAttention.Data;

namespace MlNetAttention;

public sealed partial class DataViewSchema
{
    /// <summary>The annotations of one column: a small schema of named values plus their getters.</summary>
    public sealed class Annotations
    {
        private readonly Delegate[] _getters;

        /// <summary>The names and types of the annotations.</summary>
        public DataViewSchema Schema { get; }

        /// <summary>No annotations.</summary>
        public static Annotations Empty { get; } = new(DataViewSchema.Empty, []);

        private Annotations(DataViewSchema schema, Delegate[] getters)
        {
            Schema = schema;
            _getters = getters;
        }

        /// <summary>The getter of one annotation.</summary>
        public ValueGetter<TValue> GetGetter<TValue>(Column column)
        {
            if ((uint)column.Index >= (uint)_getters.Length || Schema[column.Index].Name != column.Name)
                throw new ArgumentOutOfRangeException(nameof(column), column.Name, "The column is not an annotation of this set.");
            return _getters[column.Index] as ValueGetter<TValue>
                ?? throw new InvalidOperationException(
                    $"Annotation '{column.Name}' has type {column.Type} (raw type {TypeNames.Friendly(column.Type.RawType)}), " +
                    $"but it was read as {TypeNames.Friendly(typeof(TValue))}.");
        }

        /// <summary>Reads the annotation <paramref name="kind"/> into <paramref name="value"/>.</summary>
        /// <exception cref="InvalidOperationException">No annotation of that kind, or another raw type.</exception>
        public void GetValue<TValue>(string kind, ref TValue value)
        {
            var column = Schema.GetColumnOrNull(kind)
                ?? throw new InvalidOperationException(
                    $"No annotation '{kind}' (present: {(Schema.Count == 0 ? "none" : string.Join(", ", Schema.VisibleColumnNames))}).");
            GetGetter<TValue>(column)(ref value);
        }

        public override string ToString() => string.Join(", ", Schema.Select(c => c.Name));

        /// <summary>Builds an annotation set.</summary>
        public sealed class Builder
        {
            private readonly List<DetachedColumn> _columns = [];
            private readonly List<Delegate> _getters = [];

            /// <summary>Adds an annotation whose value is read through <paramref name="getter"/>.</summary>
            public void Add<TValue>(string kind, DataViewType type, ValueGetter<TValue> getter)
            {
                ArgumentException.ThrowIfNullOrEmpty(kind);
                ArgumentNullException.ThrowIfNull(type);
                ArgumentNullException.ThrowIfNull(getter);
                if (type.RawType != typeof(TValue))
                    throw new ArgumentException(
                        $"Annotation '{kind}' of type {type} needs raw type {type.RawType.Name}, got {typeof(TValue).Name}.",
                        nameof(getter));
                _columns.Add(new DetachedColumn(kind, type));
                _getters.Add(getter);
            }

            /// <summary>Adds an annotation with a fixed value.</summary>
            public void Add<TValue>(string kind, DataViewType type, TValue value) =>
                Add(kind, type, (ref TValue dst) => dst = value);

            /// <summary>Adds the KeyValues annotation: <paramref name="size"/> values of <paramref name="valueType"/>.</summary>
            public void AddKeyValues<TValue>(int size, PrimitiveDataViewType valueType, ValueGetter<VBuffer<TValue>> getter) =>
                Add(AnnotationUtils.Kinds.KeyValues, new VectorDataViewType(valueType, size), getter);

            /// <summary>Adds the SlotNames annotation: one text name per vector element.</summary>
            public void AddSlotNames(int size, ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter) =>
                Add(AnnotationUtils.Kinds.SlotNames, new VectorDataViewType(TextDataViewType.Instance, size), getter);

            /// <summary>Copies the annotations of <paramref name="annotations"/> whose kind passes <paramref name="selector"/>.</summary>
            public void Add(Annotations annotations, Func<string, bool> selector)
            {
                ArgumentNullException.ThrowIfNull(annotations);
                ArgumentNullException.ThrowIfNull(selector);
                foreach (var column in annotations.Schema)
                {
                    if (column.IsHidden || !selector(column.Name)) continue;
                    _columns.Add(new DetachedColumn(column.Name, column.Type));
                    _getters.Add(annotations._getters[column.Index]);
                }
            }

            public Annotations ToAnnotations() =>
                _columns.Count == 0 ? Empty : new Annotations(DataViewSchema.Create(_columns), _getters.ToArray());
        }
    }
}
