// MLContext.Data, as ML.NET's DataOperationsCatalog: loading (see DataOperationsCatalog.Loading.cs),
// converting to and from objects, splitting (cross-validation folds: DataOperationsCatalog.CrossValidation.cs),
// and row operations (shuffle, skip, take, cache, filter). Every operation is lazy except Cache, which
// fills on first use. Randomness comes from the given seed, or from the context's NextSeed() when none
// is given.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Operations on data: load, convert, split, shuffle, cache.</summary>
public sealed partial class DataOperationsCatalog
{
    internal DataOperationsCatalog(MLContext context) => Context = context;

    /// <summary>The owning context (for extension authors: its log and seed).</summary>
    public MLContext Context { get; }

    /// <summary>A train set and a test set.</summary>
    public readonly struct TrainTestData
    {
        public IDataView TrainSet { get; }
        public IDataView TestSet { get; }

        public TrainTestData(IDataView trainSet, IDataView testSet)
        {
            TrainSet = trainSet;
            TestSet = testSet;
        }
    }

    /// <summary>Splits <paramref name="data"/> at random into a train and a test set, lazily and
    /// deterministically for a seed: each row goes to the test set with probability
    /// <paramref name="testFraction"/>. With <paramref name="samplingKeyColumnName"/>, rows with equal
    /// values in that column always go to the same side (e.g. keep one user's rows together).</summary>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string? samplingKeyColumnName = null,
        int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        var key = FindSamplingKey(data, samplingKeyColumnName, nameof(TrainTestSplit));
        int splitSeed = seed ?? Context.NextSeed();
        DataViewSchema.Column[] predicateColumns = key is { } k ? [k] : [];
        IDataView Half(bool test) => new FilterDataView(data, row =>
        {
            var draw = SplitHashing.MakeDraw(row, key, splitSeed);
            return () => (draw() < testFraction) == test;
        }, predicateColumns);
        return new TrainTestData(Half(test: false), Half(test: true));
    }

    /// <summary>Shuffles rows through a pool of <paramref name="shufflePoolSize"/> rows (bounded memory);
    /// when the source can shuffle (e.g. a cache) and <paramref name="shuffleSource"/> is true, it is
    /// shuffled too, which gives a full permutation.</summary>
    public IDataView ShuffleRows(IDataView input, int? seed = null, int shufflePoolSize = 1000, bool shuffleSource = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (shufflePoolSize < 1)
            throw new ArgumentOutOfRangeException(nameof(shufflePoolSize), shufflePoolSize, "The shuffle pool needs at least one row.");
        return new ShuffleDataView(input, seed ?? Context.NextSeed(), shufflePoolSize, shuffleSource);
    }

    /// <summary>The rows after the first <paramref name="count"/>.</summary>
    public IDataView SkipRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of rows to skip must be non-negative.");
        return new SkipTakeDataView(input, count, long.MaxValue);
    }

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public IDataView TakeRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of rows to take must be non-negative.");
        return new SkipTakeDataView(input, 0, count);
    }

    /// <summary>An in-memory copy of <paramref name="input"/>, filled on first use; it can shuffle.</summary>
    public IDataView Cache(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input is CacheDataView ? input : new CacheDataView(input);
    }

    /// <summary>The rows with no missing value in <paramref name="columns"/>: NaN for Single/Double, key 0,
    /// and for vectors any such element.</summary>
    public IDataView FilterRowsByMissingValues(IDataView input, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ArgumentException("Name at least one column to check for missing values.", nameof(columns));
        var checkedColumns = columns.Select(name => SchemaErrors.FindColumn(input.Schema, name, nameof(FilterRowsByMissingValues))).ToArray();
        foreach (var column in checkedColumns)
        {
            if (!MissingValues.CanBeMissing(column.Type))
                throw SchemaErrors.WrongType(column.Name, column.Type, "Single, Double or a key (or a vector of them)",
                    nameof(FilterRowsByMissingValues));
        }
        return new FilterDataView(input, row =>
        {
            var checks = checkedColumns.Select(c => MissingValues.MakeIsMissing(row, c)).ToArray();
            return () => !checks.Any(isMissing => isMissing());
        }, checkedColumns);
    }
}
