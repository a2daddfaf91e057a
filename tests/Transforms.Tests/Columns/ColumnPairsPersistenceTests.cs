// The saved form of the transforms whose whole state is a list of (output, input) column pairs
// (CopyColumns, MapKeyToValue): config.json {version: 1, columns: [{output, input}]}. The exact text
// is pinned, so a refactoring cannot silently change the on-disk format, and a file holding that
// text (as older versions wrote it) loads; an unknown version or broken pairs are errors naming the
// entry.
using System.IO.Compression;
using System.Text;
using MlNetAttention.Data;
using MlNetAttention.TestKit;
using MlNetAttention.Transforms;

namespace MlNetAttention.Transforms.Tests.Columns;

public sealed class ColumnPairsPersistenceTests
{
    public sealed class Row
    {
        public string Text { get; set; } = "";
    }

    private const string CopyEntry = "stages/001_ColumnCopyingTransformer/config.json";
    private const string KeyToValueEntry = "stages/002_KeyToValueMappingTransformer/config.json";

    private static IDataView Data(MLContext ml) =>
        ml.Data.LoadFromEnumerable(new[] { new Row { Text = "b" }, new Row { Text = "a" }, new Row { Text = "b" } });

    // MapValueToKey, then CopyColumns and MapKeyToValue (the two transforms under test), saved to bytes.
    private static byte[] SavedModel(MLContext ml)
    {
        var data = Data(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Key", "Text")
            .Append(ml.Transforms.CopyColumns([new("KeyCopy", "Key"), new("Key2", "Key")]))
            .Append(ml.Transforms.Conversion.MapKeyToValue([new("Back", "KeyCopy")]))
            .Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    }

    private static string ReadEntry(byte[] model, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static byte[] ReplaceEntry(byte[] model, string name, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(model);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(text);
        }
        return stream.ToArray();
    }

    private static ITransformer[] Load(MLContext ml, byte[] model) =>
        ((TransformerChain<ITransformer>)ml.Model.Load(new MemoryStream(model), out _)).ToArray();

    // The text version 1 writes (indented camelCase JSON), as the first release wrote it.
    private static string Version1(params (string Output, string Input)[] pairs) =>
        "{\n  \"version\": 1,\n  \"columns\": [\n" +
        string.Join(",\n", pairs.Select(p => $"    {{\n      \"output\": \"{p.Output}\",\n      \"input\": \"{p.Input}\"\n    }}")) +
        "\n  ]\n}";

    [Fact]
    public void CopyColumnsAndMapKeyToValueWriteTheVersion1Text()
    {
        var model = SavedModel(new MLContext(seed: 1));
        Assert.Equal(Version1(("KeyCopy", "Key"), ("Key2", "Key")), ReadEntry(model, CopyEntry).ReplaceLineEndings("\n"));
        Assert.Equal(Version1(("Back", "KeyCopy")), ReadEntry(model, KeyToValueEntry).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AVersion1FileWrittenByHandLoadsAndMaps()
    {
        var ml = new MLContext(seed: 1);
        var model = ReplaceEntry(SavedModel(ml), CopyEntry, Version1(("Other", "Key")));
        model = ReplaceEntry(model, KeyToValueEntry, Version1(("Back", "Other"), ("Back2", "Key")));
        var stages = Load(ml, model);

        var copy = Assert.IsType<ColumnCopyingTransformer>(stages[1]);
        Assert.Equal(["Other <- Key"], copy.Columns.Select(c => c.ToString()));
        var keyToValue = Assert.IsType<KeyToValueMappingTransformer>(stages[2]);
        Assert.Equal(["Back <- Other", "Back2 <- Key"], keyToValue.Columns.Select(c => c.ToString()));
        var output = new TransformerChain<ITransformer>(stages).Transform(Data(ml));
        Assert.Equal(["b", "a", "b"], DataViewValues.ReadColumn(output, "Back"));
        Assert.Equal(["b", "a", "b"], DataViewValues.ReadColumn(output, "Back2"));
    }

    [Theory]
    [InlineData(CopyEntry, "{ \"version\": 2, \"columns\": [ { \"output\": \"A\", \"input\": \"B\" } ] }", "unknown version 2")]
    [InlineData(KeyToValueEntry, "{ \"version\": 2, \"columns\": [ { \"output\": \"A\", \"input\": \"B\" } ] }", "unknown version 2")]
    [InlineData(CopyEntry, "{ \"version\": 1, \"columns\": [] }", "missing or incomplete column pairs")]
    [InlineData(KeyToValueEntry, "{ \"version\": 1 }", "missing or incomplete column pairs")]
    [InlineData(CopyEntry, "{ \"version\": 1, \"columns\": [ { \"output\": \"A\" } ] }", "missing or incomplete column pairs")]
    [InlineData(KeyToValueEntry, "{ \"version\": 1, \"columns\": [ null ] }", "missing or incomplete column pairs")]
    [InlineData(CopyEntry, "{ \"version\": 1, \"columns\": [ { \"output\": \" \", \"input\": \"B\" } ] }", "missing or incomplete column pairs")]
    public void AnUnknownVersionOrBrokenPairsAreAFormatErrorNamingTheEntry(string entry, string text, string why)
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<FormatException>(() => Load(ml, ReplaceEntry(SavedModel(ml), entry, text)));
        Assert.Contains(entry, error.Message);
        Assert.Contains(why, error.Message);
    }
}
