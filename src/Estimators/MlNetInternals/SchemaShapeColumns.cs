// SchemaShape.Column values for an estimator's GetOutputSchema. ML.NET keeps the constructor internal
// (its own estimators call it; add-on packages are built with InternalsVisibleTo), and the shape is
// the only way to tell ML.NET what a trainer will add. Built here, behind our own small factory.
namespace MlNetAttention.MlNetInternals;

internal static class SchemaShapeColumns
{
    /// <summary>A column shape: name, vector kind, item type, key-ness and the annotation shapes.</summary>
    public static SchemaShape.Column Create(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey,
        params SchemaShape.Column[] annotations) =>
        new(name, kind, itemType, isKey, annotations.Length == 0 ? null : new SchemaShape(annotations));

    /// <summary>A shape from its columns.</summary>
    public static SchemaShape Shape(IEnumerable<SchemaShape.Column> columns) => new(columns);
}
