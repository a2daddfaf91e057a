// Typed loading: LoadFromTextFile<T> from [LoadColumn]/[ColumnName]/[KeyType] members, vector
// ranges, every supported number type, Booleans, ML.NET's missing values for empty fields, and
// the errors for badly declared data classes.
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Loading;

public sealed class TextLoaderTypedTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    public sealed class Measurement
    {
        [LoadColumn(0), ColumnName("Label")] public string Name = "";
        [LoadColumn(1)] public float Single;
        [LoadColumn(2)] public double Double;
        [LoadColumn(3)] public int Int32;
        [LoadColumn(4)] public long Int64;
        [LoadColumn(5)] public uint UInt32;
        [LoadColumn(6)] public bool Flag;
        [LoadColumn(7, 9)] public float[] Features = [];
        [LoadColumn(10), KeyType(3)] public uint Category;
        [NoColumn] public string Ignored = "not a column";
    }

    [Fact]
    public void DataClassMembersBecomeTypedColumns()
    {
        string path = _temp.WriteText("m.csv",
            "name,s,d,i,l,u,b,f1,f2,f3,cat\n" +
            "a,1.5,-2.25e3,-7,9000000000,4000000000,true,1,2,3,2\n" +
            "b,,,,,,,,0.5,,\n");
        var data = _ml.Data.LoadFromTextFile<Measurement>(path, separatorChar: ',', hasHeader: true);

        var schema = data.Schema;
        Assert.Equal(["Label", "Single", "Double", "Int32", "Int64", "UInt32", "Flag", "Features", "Category"],
            schema.Select(c => c.Name));
        Assert.Equal(NumberDataViewType.Double, schema["Double"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), schema["Features"].Type);
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), schema["Category"].Type);

        var rows = _ml.Data.CreateEnumerable<Measurement>(data, reuseRowObject: false).ToList();
        var a = rows[0];
        Assert.Equal(("a", 1.5f, -2250.0, -7, 9_000_000_000L, 4_000_000_000u, true), (a.Name, a.Single, a.Double, a.Int32, a.Int64, a.UInt32, a.Flag));
        Assert.Equal([1f, 2f, 3f], a.Features);
        Assert.Equal(3u, a.Category); // file value 2 is 0-based: key 3

        // Empty fields are ML.NET's missing values: NaN for floats, 0 for integers, false, key 0.
        var b = rows[1];
        Assert.True(float.IsNaN(b.Single) && double.IsNaN(b.Double));
        Assert.Equal((0, 0L, 0u, false, 0u), (b.Int32, b.Int64, b.UInt32, b.Flag, b.Category));
        Assert.Equal(3, b.Features.Length);
        Assert.True(float.IsNaN(b.Features[0]) && b.Features[1] == 0.5f && float.IsNaN(b.Features[2]));
        Assert.Equal("not a column", b.Ignored);
    }

    [Theory]
    [InlineData("true", true)] [InlineData("FALSE", false)] [InlineData("yes", true)] [InlineData("n", false)]
    [InlineData("1", true)] [InlineData("0", false)] [InlineData("+1", true)] [InlineData("-1", false)]
    public void BooleansAcceptMlNetSpellings(string text, bool expected)
    {
        string path = _temp.WriteText("b.tsv", text + "\n");
        var data = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("B", DataKind.Boolean, 0)]);
        Assert.Equal([expected], DataViewValues.ReadColumn(data, "B"));
    }

    [Fact]
    public void VectorColumnFromRangesAndSeveralSources()
    {
        string path = _temp.WriteText("v.tsv", "1\t2\t3\t4\t5\n");
        var data = _ml.Data.LoadFromTextFile(path,
        [
            new TextLoader.Column("Head", DataKind.Int32, 0, 1),
            new TextLoader.Column("Picked", DataKind.Int32, [new TextLoader.Range(4), new TextLoader.Range(2)]),
        ]);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Int32, 2), data.Schema["Head"].Type);
        Assert.Equal(new object[] { 1, 2 }, (object?[])DataViewValues.ReadColumn(data, "Head")[0]!);
        Assert.Equal(new object[] { 5, 3 }, (object?[])DataViewValues.ReadColumn(data, "Picked")[0]!);
    }

    public sealed class Pair
    {
        [LoadColumn(0)] public string Label { get; set; } = "";
        [LoadColumn(1)] public float Value { get; set; }
    }

    [Fact]
    public void DataClassWithOptionsHonoursEverySetting()
    {
        string path = _temp.WriteText("o.csv", "label;value\n a ; 1 \nb;oops\n\"c;d\";2\n");
        var options = new TextLoader.Options { Separators = [';'], HasHeader = true, AllowQuoting = true, TrimWhitespace = true, SkipMalformedRows = true };
        var rows = _ml.Data.CreateEnumerable<Pair>(_ml.Data.LoadFromTextFile<Pair>(path, options), reuseRowObject: false).ToList();
        Assert.Equal([("a", 1f), ("c;d", 2f)], rows.Select(r => (r.Label, r.Value)));
        options.Columns = [new TextLoader.Column("X", DataKind.String, 0)];
        var error = Assert.Throws<ArgumentException>(() => _ml.Data.LoadFromTextFile<Pair>(path, options));
        Assert.Contains("leave Options.Columns null", error.Message);
    }

    public sealed class NoAttribute
    {
        [LoadColumn(0)] public string A = "";
        public string B = "";
    }

    public sealed class UnsupportedMember
    {
        [LoadColumn(0)] public DateTime When;
    }

    [Fact]
    public void BadlyDeclaredDataClassesAreRejectedNamingTheMember()
    {
        string path = _temp.WriteText("x.tsv", "a\tb\n");
        var missing = Assert.Throws<ArgumentException>(() => _ml.Data.LoadFromTextFile<NoAttribute>(path));
        Assert.Contains("'B'", missing.Message);
        Assert.Contains("[LoadColumn]", missing.Message);
        var unsupported = Assert.Throws<ArgumentException>(() => _ml.Data.LoadFromTextFile<UnsupportedMember>(path));
        Assert.Contains("'When'", unsupported.Message);
        Assert.Contains("DateTime", unsupported.Message);
    }

    [Fact]
    public void InvalidLoaderSettingsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => _ml.Data.CreateTextLoader([]));
        Assert.Throws<ArgumentException>(() => _ml.Data.CreateTextLoader([new("A", DataKind.String, 0)], separatorChar: '\n'));
        Assert.Throws<ArgumentException>(() => _ml.Data.CreateTextLoader([new("A", DataKind.String, 0)], separatorChar: '"', allowQuoting: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextLoader.Range(-1));
        Assert.Throws<ArgumentException>(() => new TextLoader.Column("K", DataKind.String, [new TextLoader.Range(0)], new KeyCount(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextLoader.Column("X", (DataKind)99, 0));
    }
}
