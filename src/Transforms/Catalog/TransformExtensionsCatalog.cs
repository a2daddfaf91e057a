// The column methods of MLContext.Transforms, as ML.NET's TransformExtensionsCatalog:
// CopyColumns, Concatenate, DropColumns and SelectColumns.
using MlNetAttention.Transforms;

namespace MlNetAttention;

/// <summary>CopyColumns, Concatenate, DropColumns, SelectColumns.</summary>
public static class TransformExtensionsCatalog
{
    /// <summary>Copies <paramref name="inputColumnName"/> to <paramref name="outputColumnName"/>.</summary>
    public static ColumnCopyingEstimator CopyColumns(this TransformsCatalog catalog, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnCopyingEstimator(catalog.Context, new InputOutputColumnPair(outputColumnName, inputColumnName));
    }

    /// <summary>Copies several columns.</summary>
    public static ColumnCopyingEstimator CopyColumns(this TransformsCatalog catalog, InputOutputColumnPair[] columns)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnCopyingEstimator(catalog.Context, columns);
    }

    /// <summary>Concatenates <paramref name="inputColumnNames"/> (same item type) into one vector column.</summary>
    public static ColumnConcatenatingEstimator Concatenate(this TransformsCatalog catalog, string outputColumnName,
        params string[] inputColumnNames)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnConcatenatingEstimator(catalog.Context, outputColumnName, inputColumnNames);
    }

    /// <summary>Drops the named columns.</summary>
    public static ColumnSelectingEstimator DropColumns(this TransformsCatalog catalog, params string[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnSelectingEstimator(catalog.Context, null, columnNames);
    }

    /// <summary>Keeps only the named columns, in the order given.</summary>
    public static ColumnSelectingEstimator SelectColumns(this TransformsCatalog catalog, params string[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnSelectingEstimator(catalog.Context, columnNames, null);
    }

    /// <summary>Keeps only the named columns; with <paramref name="keepHidden"/>, also their hidden versions.</summary>
    public static ColumnSelectingEstimator SelectColumns(this TransformsCatalog catalog, string[] columnNames, bool keepHidden)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnSelectingEstimator(catalog.Context, columnNames, null, keepHidden);
    }
}
