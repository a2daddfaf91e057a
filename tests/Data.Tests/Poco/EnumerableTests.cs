// LoadFromEnumerable and CreateEnumerable: member-to-column mapping (names, [ColumnName],
// [NoColumn], [KeyType], [VectorType], properties and fields), round trips, reuseRowObject, missing
// and mistyped columns, and the checks on objects (fixed vector size, key range, null rows).
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Poco;

public sealed class EnumerableTests
{
    public sealed class Source
    {
        public string Text { get; set; } = "";
        [ColumnName("Label")] public string Category = "";
        public float Weight;
        [KeyType(5)] public uint Key { get; set; }
        [VectorType(3)] public float[] Fixed { get; set; } = [0, 0, 0];
        public string[] Tokens { get; set; } = [];
        public VBuffer<int> Ids { get; set; }
        [NoColumn] public string Skipped { get; set; } = "";
        public string ReadOnly => "not mapped";
    }

    private static List<Source> Sources() =>
    [
        new() { Text = "hello", Category = "A", Weight = 0.5f, Key = 2, Fixed = [1, 2, 3], Tokens = ["he", "llo"], Ids = new VBuffer<int>(2, [7, 8]) },
        new() { Text = "日本 🎉", Category = "B", Weight = float.NaN, Key = 0, Fixed = [4, 5, 6], Tokens = [], Ids = new VBuffer<int>(0, []) },
    ];

    [Fact]
    public void MembersMapToColumnsWithTheirTypes()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Sources());
        Assert.Equal(["Label", "Weight", "Text", "Key", "Fixed", "Tokens", "Ids"], data.Schema.Select(c => c.Name));
        Assert.Equal(TextDataViewType.Instance, data.Schema["Text"].Type);
        Assert.Equal(new KeyDataViewType(typeof(uint), 5), data.Schema["Key"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), data.Schema["Fixed"].Type);
        Assert.Equal(new VectorDataViewType(TextDataViewType.Instance), data.Schema["Tokens"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Int32), data.Schema["Ids"].Type);
        Assert.Equal(2, data.GetRowCount());
    }

    [Fact]
    public void ObjectsRoundTripThroughADataView()
    {
        var ml = new MLContext(seed: 1);
        var back = ml.Data.CreateEnumerable<Source>(ml.Data.LoadFromEnumerable(Sources()), reuseRowObject: false).ToList();
        Assert.Equal(2, back.Count);
        Assert.Equal(("hello", "A", 0.5f, 2u), (back[0].Text, back[0].Category, back[0].Weight, back[0].Key));
        Assert.Equal([1f, 2f, 3f], back[0].Fixed);
        Assert.Equal(["he", "llo"], back[0].Tokens);
        Assert.Equal([7, 8], back[0].Ids.DenseValues());
        Assert.Equal("日本 🎉", back[1].Text);
        Assert.True(float.IsNaN(back[1].Weight));
        Assert.Empty(back[1].Tokens);
        Assert.Equal("", back[0].Skipped);
    }

    [Fact]
    public void ReuseRowObjectRefillsOneInstance()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Sources());
        var reused = ml.Data.CreateEnumerable<Source>(data, reuseRowObject: true).ToList();
        Assert.Same(reused[0], reused[1]);
        var fresh = ml.Data.CreateEnumerable<Source>(data, reuseRowObject: false).ToList();
        Assert.NotSame(fresh[0], fresh[1]);
        var texts = ml.Data.CreateEnumerable<Source>(data, reuseRowObject: true).Select(s => s.Text).ToList();
        Assert.Equal(["hello", "日本 🎉"], texts);
    }

    public sealed class TextOnly
    {
        public string Text { get; set; } = "";
        public string Missing { get; set; } = "default";
    }

    public sealed class WrongType
    {
        public int Text { get; set; }
    }

    [Fact]
    public void MissingAndMistypedColumnsAreSchemaErrors()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Sources());
        var missing = Assert.Throws<SchemaMismatchException>(() => ml.Data.CreateEnumerable<TextOnly>(data, false));
        Assert.Contains("Column 'Missing' not found in the input schema (available: Label, Weight, Text, Key, Fixed, Tokens, Ids)", missing.Message);
        var lenient = ml.Data.CreateEnumerable<TextOnly>(data, false, ignoreMissingColumns: true).First();
        Assert.Equal(("hello", "default"), (lenient.Text, lenient.Missing));
        var wrong = Assert.Throws<SchemaMismatchException>(() => ml.Data.CreateEnumerable<WrongType>(data, false));
        Assert.Contains("Column 'Text' has type Text, but type Int32", wrong.Message);
        Assert.Equal("Text", wrong.ColumnName);
    }

    [Fact]
    public void BadObjectsFailWhenReadNamingTheMember()
    {
        var ml = new MLContext(seed: 1);
        var wrongSize = ml.Data.LoadFromEnumerable(new List<Source> { new() { Fixed = [1, 2] } });
        var size = Assert.Throws<InvalidOperationException>(() => DataViewValues.ReadColumn(wrongSize, "Fixed"));
        Assert.Contains("Source.Fixed", size.Message);
        Assert.Contains("fixed size 3", size.Message);

        var badKey = ml.Data.LoadFromEnumerable(new List<Source> { new() { Key = 6 } });
        Assert.Contains("key 6", Assert.Throws<InvalidOperationException>(() => DataViewValues.ReadColumn(badKey, "Key")).Message);

        var nullRow = ml.Data.LoadFromEnumerable(new List<Source> { new(), null! });
        Assert.Contains("Row 1", Assert.Throws<InvalidOperationException>(() => DataViewValues.ReadColumn(nullRow, "Text")).Message);
    }

    [Fact]
    public void GetColumnReadsOneColumnInRawOrFriendlyForm()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Sources());
        Assert.Equal(["hello", "日本 🎉"], data.GetColumn<string>("Text"));
        Assert.Equal(["hello", "日本 🎉"], data.GetColumn<ReadOnlyMemory<char>>("Text").Select(t => t.ToString()));
        Assert.Equal([2u, 0u], data.GetColumn<uint>("Key"));
        Assert.Equal([4f, 5f, 6f], data.GetColumn<float[]>("Fixed").Last());
        Assert.Equal([7, 8], data.GetColumn<VBuffer<int>>("Ids").First().DenseValues());
        var wrong = Assert.Throws<SchemaMismatchException>(() => data.GetColumn<int>("Text"));
        Assert.Contains("Column 'Text' has type Text, but type Int32", wrong.Message);
        Assert.Throws<SchemaMismatchException>(() => data.GetColumn<string>("Nope"));
    }

    [Fact]
    public void ALazySequenceIsEnumeratedAgainByEveryCursor()
    {
        var ml = new MLContext(seed: 1);
        int runs = 0;
        IEnumerable<Source> Generate()
        {
            runs++;
            yield return new Source { Text = "x" };
        }
        var data = ml.Data.LoadFromEnumerable(Generate());
        Assert.Null(data.GetRowCount());
        DataViewValues.ReadColumn(data, "Text");
        DataViewValues.ReadColumn(data, "Text");
        Assert.Equal(2, runs);
    }
}
