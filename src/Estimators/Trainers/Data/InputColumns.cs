// The schema rules of the trainer and its transformer, in one place so both word errors the same way
// (through SchemaErrors: the column, the expected type and the actual type):
//   Sentence1 (and Sentence2 when given) must be Text scalars;
//   the label must be a scalar key (MapValueToKey first) of at least 2 classes.
// The label is only needed to train; the fitted transformer reads the sentence columns only.
using Microsoft.ML.Runtime;

namespace MlNetAttention.Trainers;

internal static class InputColumns
{
    public const string Component = "AttentionTextClassification";
    private const string TextType = "Text";
    private const string KeyType = "Key (a scalar key of 2 to 1,000,000 classes; use MapValueToKey on the label first)";

    /// <summary>Most classes a label may have (ValueToKeyMapping's default key limit).</summary>
    public const int MaximumClassCount = 1_000_000;

    /// <summary>Checks the sentence column shapes of an estimator's input.</summary>
    public static void CheckSentences(SchemaShape shape, string sentence1, string? sentence2)
    {
        CheckText(shape, sentence1);
        if (sentence2 is not null) CheckText(shape, sentence2);
    }

    private static void CheckText(SchemaShape shape, string name)
    {
        var column = SchemaErrors.FindColumn(shape, name, Component);
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.IsKey || column.ItemType is not TextDataViewType)
            throw SchemaErrors.WrongType(name, SchemaErrors.TypeOf(column), TextType, Component);
    }

    /// <summary>The label column's shape, checked to be a scalar key.</summary>
    public static SchemaShape.Column CheckLabel(SchemaShape shape, string name)
    {
        var column = SchemaErrors.FindColumn(shape, name, Component);
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || !column.IsKey)
            throw SchemaErrors.WrongType(name, SchemaErrors.TypeOf(column), KeyType, Component);
        return column;
    }

    /// <summary>The sentence columns of a real schema, checked to be Text.</summary>
    public static (DataViewSchema.Column First, DataViewSchema.Column? Second) FindSentences(
        DataViewSchema schema, string sentence1, string? sentence2) =>
        (FindText(schema, sentence1), sentence2 is null ? null : FindText(schema, sentence2));

    private static DataViewSchema.Column FindText(DataViewSchema schema, string name)
    {
        var column = SchemaErrors.FindColumn(schema, name, Component);
        if (column.Type is not TextDataViewType) throw SchemaErrors.WrongType(name, column.Type, TextType, Component);
        return column;
    }

    /// <summary>The label column of a real schema and its key type, checked to be a key of ≥ 2 classes.</summary>
    public static (DataViewSchema.Column Column, KeyDataViewType Key) FindLabel(DataViewSchema schema, string name)
    {
        var column = SchemaErrors.FindColumn(schema, name, Component);
        if (column.Type is not KeyDataViewType key || key.Count < 2 || key.Count > MaximumClassCount)
            throw SchemaErrors.WrongType(name, column.Type, KeyType, Component);
        return (column, key);
    }
}
