// MLContext.Data loading and conversion: text files (typed by a data class or by column
// definitions), collections of objects, and back to objects. Signatures and defaults follow
// ML.NET's (separator '\t', no header, no quoting, no trimming).
using MlNetAttention.Data;

namespace MlNetAttention;

public sealed partial class DataOperationsCatalog
{
    /// <summary>Loads a text file whose columns are the [LoadColumn] members of <typeparamref name="TInput"/>.</summary>
    public IDataView LoadFromTextFile<TInput>(string path, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false) =>
        CreateTextLoader<TInput>(separatorChar, hasHeader, allowQuoting, trimWhitespace).Load(path);

    /// <summary>Loads a text file with the [LoadColumn] members of <typeparamref name="TInput"/> and
    /// the other settings of <paramref name="options"/> (whose Columns must be left null).</summary>
    public IDataView LoadFromTextFile<TInput>(string path, TextLoader.Options options) =>
        CreateTextLoader<TInput>(options).Load(path);

    /// <summary>Loads a text file with the given column definitions.</summary>
    public IDataView LoadFromTextFile(string path, TextLoader.Column[] columns, char separatorChar = '\t',
        bool hasHeader = false, bool allowQuoting = false, bool trimWhitespace = false) =>
        CreateTextLoader(columns, separatorChar, hasHeader, allowQuoting, trimWhitespace).Load(path);

    /// <summary>Loads a text file with the given options.</summary>
    public IDataView LoadFromTextFile(string path, TextLoader.Options options) => CreateTextLoader(options).Load(path);

    /// <summary>A loader for the [LoadColumn] members of <typeparamref name="TInput"/>.</summary>
    public TextLoader CreateTextLoader<TInput>(char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false) =>
        CreateTextLoader<TInput>(new TextLoader.Options
        {
            Separators = [separatorChar],
            HasHeader = hasHeader,
            AllowQuoting = allowQuoting,
            TrimWhitespace = trimWhitespace,
        });

    /// <summary>A loader for the [LoadColumn] members of <typeparamref name="TInput"/> with <paramref name="options"/>
    /// (whose Columns must be left null).</summary>
    public TextLoader CreateTextLoader<TInput>(TextLoader.Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Columns is not null)
            throw new ArgumentException(
                $"The columns come from the [LoadColumn] members of {typeof(TInput).Name}; leave Options.Columns null.", nameof(options));
        return new TextLoader(Context, new TextLoader.Options
        {
            Separators = options.Separators,
            HasHeader = options.HasHeader,
            AllowQuoting = options.AllowQuoting,
            TrimWhitespace = options.TrimWhitespace,
            SkipMalformedRows = options.SkipMalformedRows,
            Columns = TextLoader.ColumnsOf(typeof(TInput)),
        });
    }

    /// <summary>A loader for the given column definitions.</summary>
    public TextLoader CreateTextLoader(TextLoader.Column[] columns, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false) =>
        CreateTextLoader(new TextLoader.Options
        {
            Columns = columns ?? throw new ArgumentNullException(nameof(columns)),
            Separators = [separatorChar],
            HasHeader = hasHeader,
            AllowQuoting = allowQuoting,
            TrimWhitespace = trimWhitespace,
        });

    /// <summary>A loader with <paramref name="options"/>.</summary>
    public TextLoader CreateTextLoader(TextLoader.Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TextLoader(Context, options);
    }

    /// <summary>A view of a collection of objects; its columns are the public read-write fields and
    /// properties of <typeparamref name="TRow"/>. The collection is enumerated again by every cursor.</summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        return new EnumerableDataView<TRow>(data);
    }

    /// <summary>The rows of <paramref name="data"/> as objects. With <paramref name="reuseRowObject"/> one object is
    /// refilled for every row; with <paramref name="ignoreMissingColumns"/> members without a column keep their default.</summary>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false)
        where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        return ObjectEnumeration.Enumerate<TRow>(data, reuseRowObject, ignoreMissingColumns);
    }
}
