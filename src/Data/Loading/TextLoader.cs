// TextLoader, as in ML.NET: reads delimited text (CSV/TSV) into an IDataView, streaming. Defaults
// follow ML.NET (separator '\t', no header, no quoting, no trimming); for RFC 4180 CSV pass ','
// and allowQuoting: true. A malformed row (unterminated quote, too few fields, a value that does
// not parse) is an InvalidDataException naming the file, the 1-based line and the column; with
// Options.SkipMalformedRows such rows are skipped instead and counted in MLContext.Log.
// Empty numeric fields load as ML.NET's missing values: NaN for Single/Double, 0 for integers,
// false for Boolean, key 0 (missing) for keys; key fields hold 0-based values v, loaded as key v + 1.
using MlNetAttention.Runtime;

namespace MlNetAttention.Data;

/// <summary>The number of valid keys of a key column loaded from text.</summary>
public sealed class KeyCount
{
    public ulong Count { get; }

    public KeyCount(ulong count)
    {
        if (count == 0 || count > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A key count must be between 1 and {uint.MaxValue}.");
        Count = count;
    }
}

/// <summary>Loads delimited text files; make one with MLContext.Data.CreateTextLoader.</summary>
public sealed class TextLoader
{
    private readonly MLContext _context;
    private readonly Options _options;
    private readonly DataViewSchema _schema;
    private readonly int[][] _sources;

    internal TextLoader(MLContext context, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _options = options.Validate();
        var builder = new DataViewSchema.Builder();
        var columns = _options.Columns!;
        _sources = new int[columns.Length][];
        for (int i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            _sources[i] = column.Source.SelectMany(r => r.Indices()).ToArray();
            builder.AddColumn(column.Name, column.GetColumnType(_sources[i].Length));
        }
        _schema = builder.ToSchema();
    }

    /// <summary>Options for the columns of a data class, from its [LoadColumn] members.</summary>
    internal static Column[] ColumnsOf(Type type)
    {
        var columns = new List<Column>();
        foreach (var member in PocoMember.Of(type))
        {
            var load = member.LoadColumn
                ?? throw new ArgumentException(
                    $"Member '{member.Member.Name}' of {type.Name} has no [LoadColumn] attribute; add one or mark it [NoColumn].",
                    nameof(type));
            var columnType = member.GetColumnType(load.Indices.Count);
            var item = columnType.GetItemType();
            columns.Add(new Column(member.ColumnName, KindOf(item), load.Indices.Select(i => new Range(i)).ToArray(),
                item is KeyDataViewType key ? new KeyCount(key.Count) : null)
            {
                IsVector = member.IsVector,
            });
        }
        return columns.ToArray();
    }

    private static DataKind KindOf(PrimitiveDataViewType type) => type switch
    {
        TextDataViewType => DataKind.String,
        BooleanDataViewType => DataKind.Boolean,
        KeyDataViewType => DataKind.UInt32,
        _ when type == NumberDataViewType.Single => DataKind.Single,
        _ when type == NumberDataViewType.Double => DataKind.Double,
        _ when type == NumberDataViewType.Int32 => DataKind.Int32,
        _ when type == NumberDataViewType.Int64 => DataKind.Int64,
        _ when type == NumberDataViewType.UInt32 => DataKind.UInt32,
        _ => throw new ArgumentException($"Type {type} cannot be loaded from text."),
    };

    /// <summary>The schema of the data this loader produces.</summary>
    public DataViewSchema GetOutputSchema() => _schema;

    /// <summary>A lazy view of <paramref name="path"/>; every cursor re-reads the file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public IDataView Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        return new TextLoaderDataView(_context, _options, _schema, _sources, path);
    }

    /// <summary>The names in the first record of <paramref name="path"/> (its header).</summary>
    public static string[] ReadHeader(string path, char separatorChar = ',', bool allowQuoting = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        using var reader = new CsvRecordReader(TextLoaderDataView.OpenText(path), [separatorChar], allowQuoting, trimWhitespace: false);
        if (!reader.ReadRecord()) return [];
        return Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray();
    }

    internal void Log(ChannelMessageKind kind, string message) => _context.WriteLog(nameof(TextLoader), kind, message);

    /// <summary>A range of 0-based field indices (inclusive).</summary>
    public sealed class Range
    {
        public int Min { get; }
        public int Max { get; }

        public Range(int index) : this(index, index) { }

        public Range(int min, int max)
        {
            if (min < 0) throw new ArgumentOutOfRangeException(nameof(min), min, "Field indices must be non-negative.");
            if (max < min) throw new ArgumentOutOfRangeException(nameof(max), max, $"The range end must be >= its start {min}.");
            Min = min;
            Max = max;
        }

        internal IEnumerable<int> Indices() => Enumerable.Range(Min, Max - Min + 1);
    }

    /// <summary>One output column: its name, item kind and the fields it is read from.</summary>
    public sealed class Column
    {
        public string Name { get; }
        public DataKind DataKind { get; }
        public Range[] Source { get; }
        public KeyCount? KeyCount { get; }

        /// <summary>True to make a vector even from one field (set for array members of data classes).</summary>
        public bool IsVector { get; init; }

        /// <summary>A scalar column read from field <paramref name="index"/>.</summary>
        public Column(string name, DataKind dataKind, int index) : this(name, dataKind, [new Range(index)]) { }

        /// <summary>A vector column read from fields <paramref name="minIndex"/> to <paramref name="maxIndex"/>.</summary>
        public Column(string name, DataKind dataKind, int minIndex, int maxIndex)
            : this(name, dataKind, [new Range(minIndex, maxIndex)])
        {
            IsVector = true;
        }

        /// <summary>A column read from the given ranges (a vector when they cover several fields).</summary>
        public Column(string name, DataKind dataKind, Range[] source, KeyCount? keyCount = null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentNullException.ThrowIfNull(source);
            if (source.Length == 0 || source.Any(r => r is null))
                throw new ArgumentException($"Column '{name}' needs at least one field range.", nameof(source));
            if (!Enum.IsDefined(dataKind))
                throw new ArgumentOutOfRangeException(nameof(dataKind), dataKind, $"Column '{name}': unsupported data kind.");
            if (keyCount is not null && dataKind != DataKind.UInt32)
                throw new ArgumentException($"Column '{name}': only UInt32 columns can be keys, not {dataKind}.", nameof(keyCount));
            Name = name;
            DataKind = dataKind;
            Source = source;
            KeyCount = keyCount;
        }

        internal DataViewType GetColumnType(int fieldCount)
        {
            var item = DataKind.ToDataViewType(KeyCount?.Count);
            return IsVector || fieldCount > 1 ? new VectorDataViewType(item, fieldCount) : item;
        }
    }

    /// <summary>All loader settings.</summary>
    public sealed class Options
    {
        /// <summary>Field separators (default tab).</summary>
        public char[] Separators { get; set; } = ['\t'];

        /// <summary>Skip the first record (the header).</summary>
        public bool HasHeader { get; set; }

        /// <summary>Honour RFC 4180 quoting (fields in "..." may hold separators, line breaks and "").</summary>
        public bool AllowQuoting { get; set; }

        /// <summary>Remove spaces and tabs around each field (and around quoted fields).</summary>
        public bool TrimWhitespace { get; set; }

        /// <summary>Skip malformed rows instead of failing; they are counted and reported through MLContext.Log.</summary>
        public bool SkipMalformedRows { get; set; }

        /// <summary>The output columns.</summary>
        public Column[]? Columns { get; set; }

        internal Options Validate()
        {
            if (Columns is null || Columns.Length == 0)
                throw new ArgumentException("A text loader needs at least one column.", nameof(Columns));
            if (Columns.Any(c => c is null)) throw new ArgumentException("A text loader column is null.", nameof(Columns));
            if (Separators is null || Separators.Length == 0)
                throw new ArgumentException("A text loader needs at least one separator.", nameof(Separators));
            foreach (char separator in Separators)
            {
                if (separator is '\r' or '\n' || (AllowQuoting && separator == '"'))
                    throw new ArgumentException(
                        $"'{(separator == '"' ? "\"" : separator is '\r' ? "\\r" : "\\n")}' cannot be a separator.", nameof(Separators));
            }
            return new Options
            {
                Separators = (char[])Separators.Clone(),
                HasHeader = HasHeader,
                AllowQuoting = AllowQuoting,
                TrimWhitespace = TrimWhitespace,
                SkipMalformedRows = SkipMalformedRows,
                Columns = (Column[])Columns.Clone(),
            };
        }
    }
}
