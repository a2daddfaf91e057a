// Schemas, types, annotations and the schema error messages.
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.DataView;

public sealed class SchemaTests
{
    [Fact]
    public void LaterColumnsHideEarlierOnesOfTheSameName()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("A", TextDataViewType.Instance);
        builder.AddColumn("B", NumberDataViewType.Single);
        builder.AddColumn("A", new KeyDataViewType(typeof(uint), 3));
        var schema = builder.ToSchema();
        Assert.True(schema[0].IsHidden);
        Assert.False(schema[2].IsHidden);
        Assert.Equal(2, schema["A"].Index);
        Assert.Equal(["B", "A"], schema.VisibleColumnNames);
        Assert.Null(schema.GetColumnOrNull("C"));
        Assert.Equal(["B", "A"], SchemaShape.Create(schema).Select(c => c.Name));
    }

    [Fact]
    public void TypesCompareByValueAndPrintReadably()
    {
        Assert.Equal(new KeyDataViewType(typeof(uint), 4), new KeyDataViewType(typeof(uint), 4));
        Assert.NotEqual(new KeyDataViewType(typeof(uint), 4), new KeyDataViewType(typeof(uint), 5));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), new VectorDataViewType(NumberDataViewType.Single, 3));
        Assert.NotEqual(new VectorDataViewType(NumberDataViewType.Single, 3), new VectorDataViewType(NumberDataViewType.Single));
        Assert.Equal(typeof(VBuffer<uint>), new VectorDataViewType(new KeyDataViewType(typeof(uint), 2)).RawType);
        Assert.Equal("Vector<Key<UInt32, 4>, 2, 3>", new VectorDataViewType(new KeyDataViewType(typeof(uint), 4), 2, 3).ToString());
        Assert.Equal(6, new VectorDataViewType(NumberDataViewType.Single, 2, 3).Size);
        Assert.Throws<ArgumentException>(() => new KeyDataViewType(typeof(int), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyDataViewType(typeof(uint), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VectorDataViewType(NumberDataViewType.Single, 3, 0));
    }

    [Theory]
    [InlineData("Text")] [InlineData("Single")] [InlineData("Double")] [InlineData("Int32")] [InlineData("Int64")]
    [InlineData("UInt32")] [InlineData("Boolean")] [InlineData("Key<UInt32, 7>")] [InlineData("Vector<Single, 3>")]
    [InlineData("Vector<Text>")] [InlineData("Vector<Key<UInt32, 2>, 4, 5>")]
    public void TypeTextRoundTrips(string text) => Assert.Equal(text, DataViewTypeFormat.Parse(text).ToString());

    [Theory]
    [InlineData("Float")] [InlineData("Key<Int32, 3>")] [InlineData("Key<UInt32, 0>")] [InlineData("Vector<Single, 0>")]
    [InlineData("Vector<Vector<Single>>")] [InlineData("Text extra")]
    public void BadTypeTextIsAFormatException(string text) => Assert.Throws<FormatException>(() => DataViewTypeFormat.Parse(text));

    [Fact]
    public void AnnotationsCarryKeyValuesAndSlotNames()
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.AddKeyValues(2, TextDataViewType.Instance,
            (ref VBuffer<ReadOnlyMemory<char>> v) => v = new VBuffer<ReadOnlyMemory<char>>(2, ["neg".AsMemory(), "pos".AsMemory()]));
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Label", new KeyDataViewType(typeof(uint), 2), annotations.ToAnnotations());
        var column = builder.ToSchema()["Label"];

        Assert.True(column.HasKeyValues());
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        Assert.Equal(["neg", "pos"], values.DenseValues().Select(v => v.ToString()));
        Assert.False(column.HasSlotNames());
        VBuffer<float> wrong = default;
        var error = Assert.Throws<InvalidOperationException>(() => column.GetKeyValues(ref wrong));
        Assert.Contains("VBuffer<Single>", error.Message);
        Assert.Throws<InvalidOperationException>(() => column.Annotations.GetValue(AnnotationUtils.Kinds.SlotNames, ref values));
        Assert.Throws<ArgumentException>(() => annotations.Add("Bad", NumberDataViewType.Single, (ref double d) => d = 1));
    }

    [Fact]
    public void SchemaErrorMessagesNameColumnAndTypes()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("a", TextDataViewType.Instance);
        builder.AddColumn("b", NumberDataViewType.Single);
        var schema = builder.ToSchema();
        var notFound = Assert.Throws<SchemaMismatchException>(() => schema["X"]);
        Assert.StartsWith("Column 'X' not found in the input schema (available: a, b).", notFound.Message);
        var wrong = SchemaErrors.WrongType("b", NumberDataViewType.Single, "Text", "MyTransform");
        Assert.StartsWith("MyTransform: Column 'b' has type Single, but type Text was expected.", wrong.Message);
        Assert.IsAssignableFrom<ArgumentOutOfRangeException>(wrong);
        Assert.Equal(("b", "Text", "Single"), (wrong.ColumnName, wrong.ExpectedType, wrong.ActualType));
    }

    [Fact]
    public void SchemaShapeDescribesKindItemTypeKeysAndAnnotations()
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.AddKeyValues(2, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> v) => v = default);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Key", new KeyDataViewType(typeof(uint), 2), annotations.ToAnnotations());
        builder.AddColumn("Var", new VectorDataViewType(NumberDataViewType.Single));
        builder.AddColumn("Fixed", new VectorDataViewType(TextDataViewType.Instance, 4));
        var shape = SchemaShape.Create(builder.ToSchema());

        Assert.True(shape.TryFindColumn("Key", out var key));
        Assert.Equal((SchemaShape.Column.VectorKind.Scalar, true), (key.Kind, key.IsKey));
        Assert.Equal(NumberDataViewType.UInt32, key.ItemType);
        Assert.Equal(["KeyValues"], key.Annotations.Select(a => a.Name));
        Assert.Equal("Key<UInt32>", key.GetTypeString());
        Assert.Equal("VarVector<Single>", shape[1].GetTypeString());
        Assert.Equal("Vector<Text>", shape[2].GetTypeString());
        Assert.True(shape[1].IsCompatibleWith(shape[1]));
        Assert.False(shape[1].IsCompatibleWith(shape[2]));
        Assert.False(shape.TryFindColumn("None", out _));
    }

    [Fact]
    public void CursorsCheckColumnsActivenessAndGetterTypes()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { A = "x", B = 1 } });
        using var cursor = data.GetRowCursor([data.Schema["A"]]);
        Assert.True(cursor.IsColumnActive(data.Schema["A"]));
        Assert.False(cursor.IsColumnActive(data.Schema["B"]));
        Assert.Contains("'B' is not active", Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(data.Schema["B"])).Message);
        var wrongType = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<string>(data.Schema["A"]));
        Assert.Contains("'A' has type Text (raw type ReadOnlyMemory<Char>)", wrongType.Message);
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["A"]);
        ReadOnlyMemory<char> value = default;
        Assert.Throws<InvalidOperationException>(() => getter(ref value)); // before MoveNext
        Assert.Equal(-1, cursor.Position);
        Assert.True(cursor.MoveNext());
        getter(ref value);
        Assert.Equal(("x", 0L), (value.ToString(), cursor.Position));
        Assert.False(cursor.MoveNext());
        Assert.False(cursor.MoveNext());
        Assert.Equal(["x"], DataViewValues.ReadColumn(data, "A"));
    }

    public sealed class Row
    {
        public string A { get; set; } = "";
        public float B { get; set; }
    }
}
