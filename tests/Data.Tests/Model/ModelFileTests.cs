// Model files: a pipeline and its input schema round-trip through a .zip (file and stream, loaded
// twice), and every kind of broken file fails with a clear InvalidDataException or FormatException
// naming the file and the problem.
using System.IO.Compression;
using System.Text;
using MlNetAttention.Data.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    public sealed class Input
    {
        public string Text { get; set; } = "";
    }

    private IDataView Data() => _ml.Data.LoadFromEnumerable(new[] { new Input { Text = "abc" }, new Input { Text = "日本" } });

    private string SavedModel()
    {
        var data = Data();
        var model = new TextLengthEstimator("Length", "Text").Append(new TextLengthEstimator("Length2", "Text")).Fit(data);
        string path = _temp.File("model.zip");
        _ml.Model.Save(model, data.Schema, path);
        return path;
    }

    [Fact]
    public void SavedPipelineLoadsBackAndGivesTheSameOutputTwice()
    {
        string path = SavedModel();
        for (int i = 0; i < 2; i++)
        {
            var loaded = _ml.Model.Load(path, out var schema);
            Assert.Equal("Text", Assert.Single(schema).Name);
            var chain = Assert.IsType<TransformerChain<ITransformer>>(loaded);
            Assert.Equal(2, chain.Count);
            var output = loaded.Transform(Data());
            Assert.Equal(new object?[] { 3, 2 }, DataViewValues.ReadColumn(output, "Length2"));
            Assert.Equal(new object?[] { 97, 98, 99 }, (object?[])DataViewValues.ReadColumn(output, "LengthCodes")[0]!);
        }
        using var zip = ZipFile.OpenRead(path);
        Assert.NotNull(zip.GetEntry("manifest.json"));
        Assert.NotNull(zip.GetEntry("stages/000_TextLengthTransformer/config.json"));
        Assert.NotNull(zip.GetEntry("stages/001_TextLengthTransformer/config.json"));
    }

    [Fact]
    public void NotAZipIsAnInvalidDataExceptionNamingTheFile()
    {
        string path = _temp.WriteText("junk.zip", "this is not a zip file");
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("junk.zip", error.Message);
        Assert.Contains("not a zip", error.Message);
    }

    private string RewriteEntry(string name, Func<string?, string?> change)
    {
        string path = SavedModel();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(name);
            string? old = null;
            if (entry is not null)
            {
                using (var reader = new StreamReader(entry.Open())) old = reader.ReadToEnd();
                entry.Delete();
            }
            if (change(old) is { } replacement)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(replacement);
            }
        }
        return path;
    }

    [Fact]
    public void AZipWithoutManifestIsNotAModel()
    {
        string path = RewriteEntry("manifest.json", _ => null);
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("has no manifest.json", error.Message);
    }

    [Fact]
    public void UnknownFormatVersionIsRefused()
    {
        string path = RewriteEntry("manifest.json", m => m!.Replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        var error = Assert.Throws<FormatException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("format version 99", error.Message);
        Assert.Contains("reads version 1", error.Message);
    }

    [Fact]
    public void BrokenManifestJsonIsAFormatException()
    {
        string path = RewriteEntry("manifest.json", m => m![..(m!.Length / 2)]);
        Assert.Contains("manifest.json is not valid JSON", Assert.Throws<FormatException>(() => _ml.Model.Load(path, out _)).Message);
    }

    [Theory]
    [InlineData("System.IO.File, System.IO.FileSystem", "only types from assemblies named 'MlNetAttention.*'")]
    [InlineData("MlNetAttention.Nope, MlNetAttention.Data", "has no type 'MlNetAttention.Nope'")]
    [InlineData("MlNetAttention.MLContext, MlNetAttention.Data", "not a concrete ITransformer")]
    [InlineData("MlNetAttention.Gone, MlNetAttention.DoesNotExist", "cannot be loaded")]
    public void DisallowedOrUnknownStageTypesAreRefused(string type, string why)
    {
        string path = RewriteEntry("manifest.json", m => m!.Replace(
            "MlNetAttention.Data.Tests.Support.TextLengthTransformer, MlNetAttention.Data.Tests", type));
        var error = Assert.Throws<FormatException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("model.zip", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void AMissingStageEntryNamesTheEntry()
    {
        string path = RewriteEntry("stages/001_TextLengthTransformer/config.json", _ => null);
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("missing entry 'stages/001_TextLengthTransformer/config.json'", error.Message);
    }

    [Fact]
    public void AStageWithBadContentIsReportedNotCrashedOn()
    {
        string path = RewriteEntry("stages/000_TextLengthTransformer/config.json", _ => "{ \"output\": ");
        var error = Assert.Throws<FormatException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("stages/000_TextLengthTransformer/config.json", error.Message);
    }

    private sealed class NotSaveable : ITransformer
    {
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
        public IDataView Transform(IDataView input) => input;
    }

    [Fact]
    public void SavingAStageThatCannotBeSavedFailsWithoutLeavingAFile()
    {
        string path = _temp.File("partial.zip");
        var error = Assert.Throws<InvalidOperationException>(() =>
            _ml.Model.Save(new TransformerChain<ITransformer>(new TextLengthTransformer("L", "Text"), new NotSaveable()), Data().Schema, path));
        Assert.Contains("NotSaveable", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NestedComponentsSaveAndLoadInTheirOwnFolders()
    {
        var data = Data();
        var single = new WrappingTransformer(new TextLengthTransformer("A", "Text"));
        var chain = new WrappingTransformer(new TransformerChain<ITransformer>(new TextLengthTransformer("A", "Text"), new TextLengthTransformer("B", "Text")));
        using var stream = new MemoryStream();
        _ml.Model.Save(new TransformerChain<ITransformer>(single, chain), data.Schema, stream);
        stream.Position = 0;
        var loaded = ((TransformerChain<ITransformer>)_ml.Model.Load(stream, out _)).ToArray();
        Assert.IsType<TextLengthTransformer>(Assert.IsType<WrappingTransformer>(loaded[0]).Inner);
        var innerChain = Assert.IsType<TransformerChain<ITransformer>>(Assert.IsType<WrappingTransformer>(loaded[1]).Inner);
        Assert.Equal(2, innerChain.Count);
        Assert.Equal([3, 2], DataViewValues.ReadColumn(loaded[1].Transform(data), "B"));
        stream.Position = 0;
        using var zip = new ZipArchive(stream);
        Assert.NotNull(zip.GetEntry("stages/001_WrappingTransformer/inner/001_TextLengthTransformer/config.json"));
    }

    [Fact]
    public void StreamOverloadsRoundTripAndNestedChainsAreFlattened()
    {
        var data = Data();
        var inner = new TransformerChain<TextLengthTransformer>(new TextLengthTransformer("A", "Text"));
        var model = new TransformerChain<ITransformer>(inner, new TextLengthTransformer("B", "Text"));
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = (TransformerChain<ITransformer>)_ml.Model.Load(stream, out _);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(DataViewValues.ReadColumn(model.Transform(data), "B"), DataViewValues.ReadColumn(loaded.Transform(data), "B"));
    }
}
