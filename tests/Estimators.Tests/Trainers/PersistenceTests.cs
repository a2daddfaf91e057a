// Model files, written and read by ML.NET's own mlContext.Model.Save / Load: save → load gives a
// transformer with bit-identical scores, the same options, training summary, classes and vocabulary; a
// file can be loaded twice in one process; a damaged entry of our folder is an InvalidDataException
// naming the model file and the entry, never a crash deep inside. ML.NET calls our loader by reflection,
// so our errors reach the caller as the InnerException of a TargetInvocationException (ML.NET's way
// for every component); a file that is not an ML.NET model at all is refused by ML.NET itself.
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.TestKit;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class PersistenceTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly MLContext _context = new(seed: 1);
    private readonly IDataView _data;
    private readonly AttentionTextClassificationTransformer _model;
    private readonly string _path;

    public PersistenceTests()
    {
        _data = TinyData.Keyed(_context, 120);
        var options = TinyData.TinyOptions();
        options.OutputAttentionWeights = true;
        options.ClassWeights = [1f, 2f, 1f, 0.5f];
        options.MaximumGradientNorm = float.PositiveInfinity; // must survive JSON
        _model = _context.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(_data);
        _path = _folder.File("model.zip");
        _context.Model.Save(_model, _data.Schema, _path);
    }

    public void Dispose() => _folder.Dispose();

    // A transformer saved on its own loads back as itself (a chain loads as a chain).
    private AttentionTextClassificationTransformer LoadModel(string path) =>
        (AttentionTextClassificationTransformer)_context.Model.Load(path, out _);

    /// <summary>The error our loader raised while ML.NET loaded the model (unwrapped from ML.NET's reflection call).</summary>
    private InvalidDataException LoaderError()
    {
        var error = Assert.Throws<TargetInvocationException>(() => _context.Model.Load(_path, out _));
        var inner = Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Contains($"Model '{_path}'", inner.Message);
        return inner;
    }

    [Fact]
    public void A_loaded_model_scores_identically_and_keeps_its_options_and_summary()
    {
        var loaded = LoadModel(_path);

        var before = ScoredRows.Read(_model.Transform(_data));
        var after = ScoredRows.Read(loaded.Transform(_data));
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal(before.Predicted, after.Predicted);
        Assert.Equal(before.Attention, after.Attention);
        Assert.Equal(before.Tokens, after.Tokens);
        Assert.Equal(JsonSerializer.Serialize(_model.Options, JsonOptions), JsonSerializer.Serialize(loaded.Options, JsonOptions));
        Assert.Equal(_model.TrainingSummary, loaded.TrainingSummary);
        Assert.Equal(_model.ClassNames, loaded.ClassNames);
        Assert.Equal(_model.Tokenizer.Tokens, loaded.Tokenizer.Tokens);
        Assert.Equal(_model.MaximumSequenceLength, loaded.MaximumSequenceLength);
        Assert.Equal(float.PositiveInfinity, loaded.Options.MaximumGradientNorm);
        Assert.Equal([1f, 2f, 1f, 0.5f], loaded.Options.ClassWeights!);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [Fact]
    public void A_model_loads_twice_in_one_process_and_both_copies_work()
    {
        var first = LoadModel(_path);
        var second = LoadModel(_path);

        Assert.NotSame(first, second);
        Assert.Equal(ScoredRows.Read(first.Transform(_data)).Scores, ScoredRows.Read(second.Transform(_data)).Scores);
    }

    [Fact]
    public void Random_bytes_are_not_a_model()
    {
        File.WriteAllBytes(_path, Enumerable.Range(0, 5000).Select(i => (byte)(i * 31)).ToArray());

        var error = Assert.Throws<FormatException>(() => _context.Model.Load(_path, out _));

        Assert.Contains("zip", error.Message); // ML.NET's own refusal
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..(bytes.Length / 2)]);

        var error = Record.Exception(() => _context.Model.Load(_path, out _));

        Assert.True(error is FormatException or InvalidDataException, $"{error?.GetType().Name}: {error?.Message}");
    }

    [Fact]
    public void A_foreign_zip_is_refused()
    {
        File.Delete(_path);
        using (var zip = ZipFile.Open(_path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a model");
        }

        var error = Record.Exception(() => _context.Model.Load(_path, out _));

        Assert.NotNull(error); // ML.NET finds no model in it
    }

    [Theory]
    [InlineData("weights.safetensors")]
    [InlineData("tokenizer.bin")]
    [InlineData("model.json")]
    [InlineData("checksums.txt")]
    public void A_garbage_entry_is_named(string entry)
    {
        Rewrite(entry, _ => Encoding.UTF8.GetBytes("garbage garbage garbage"));

        var error = LoaderError();

        Assert.Contains(entry, error.Message);
    }

    [Theory]
    [InlineData("weights.safetensors")]
    [InlineData("tokenizer.bin")]
    public void A_garbage_entry_with_a_matching_checksum_is_still_refused_by_its_reader(string entry)
    {
        Rewrite(entry, _ => Encoding.UTF8.GetBytes("garbage garbage garbage"), updateChecksums: true);

        var error = LoaderError();

        Assert.Contains(entry, error.Message);
        Assert.DoesNotContain("SHA-256", error.Message);
    }

    [Fact]
    public void Weights_from_another_model_do_not_fit_the_vocabulary()
    {
        var other = new MLContext(seed: 2);
        var options = TinyData.TinyOptions();
        options.VocabularySize = 40;
        var small = other.MulticlassClassification.Trainers.AttentionTextClassification(options).Fit(TinyData.Keyed(other, 120));
        string otherPath = _folder.File("other.zip");
        other.Model.Save(small, TinyData.Keyed(other, 1).Schema, otherPath);
        byte[] otherWeights = ReadEntry(otherPath, "weights.safetensors");
        Rewrite("weights.safetensors", _ => otherWeights, updateChecksums: true);

        var error = LoaderError();

        Assert.Contains("token embeddings", error.Message);
    }

    [Theory]
    [InlineData("\"formatVersion\": 5", "\"formatVersion\": 4", "format version 4")]
    [InlineData("\"encoder\": \"scratch\"", "\"encoder\": \"minilm\"", "pretrained encoder")]
    [InlineData("\"pretrainedEncoder\": null", "\"pretrainedEncoder\": { \"name\": \"x\" }", "pretrainedEncoder entry for a model trained from scratch")]
    [InlineData("\"ngramDimension\": 0", "\"ngramDimension\": 8", "NgramDimension 8 in model.json, 0 in the weights")]
    [InlineData("\"feedForwardDimension\": 32", "\"feedForwardDimension\": 64", "FeedForwardDimension 64 in model.json, 32 in the weights")]
    [InlineData("\"count\": 4", "\"count\": 3", "names for 3 classes")]
    [InlineData("\"batchSize\": 16", "\"batchSize\": 0", "BatchSize")]
    [InlineData("\"options\"", "\"optionz\"", "missing")]
    public void A_tampered_description_is_a_format_error_naming_the_entry(string find, string replace, string expected)
    {
        Rewrite("model.json", bytes =>
        {
            string json = Encoding.UTF8.GetString(bytes);
            Assert.Contains(find, json);
            return Encoding.UTF8.GetBytes(json.Replace(find, replace));
        }, updateChecksums: true);

        var error = LoaderError();

        Assert.Contains("model.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_flipped_byte_anywhere_is_an_error_or_changes_nothing()
    {
        var original = File.ReadAllBytes(_path);
        var expected = ScoredRows.Read(_model.Transform(_data)).Scores;
        int detected = 0, harmless = 0, namedByUs = 0;
        for (int offset = 0; offset < original.Length; offset += 97)
        {
            var damaged = (byte[])original.Clone();
            damaged[offset] ^= 0x5A;
            File.WriteAllBytes(_path, damaged);
            float[][]? scores = null;
            var error = Record.Exception(() => scores = ScoredRows.Read(_context.Model.Load(_path, out _).Transform(_data)).Scores);
            if (error is null)
            {
                // A byte no reader depends on (a timestamp, a header field duplicated in the central directory).
                Assert.Equal(expected, scores);
                harmless++;
                continue;
            }
            // Damage in our entries is our loader's error, naming the file and the entry; damage elsewhere (the
            // zip's structure, ML.NET's own entries and headers) is ML.NET's or System.IO.Compression's error.
            var cause = error is TargetInvocationException { InnerException: { } inner } ? inner : error;
            Assert.True(cause is IOException or InvalidDataException or FormatException, $"offset {offset}: {cause.GetType().Name}: {cause.Message}");
            if (cause.Message.Contains($"Model '{_path}': entry '", StringComparison.Ordinal)) namedByUs++;
            detected++;
        }
        Assert.True(detected > harmless, $"{detected} damaged files refused, {harmless} loaded unchanged");
        Assert.True(namedByUs > 0, "no damage was reported by our loader, naming the file and entry");
    }

    private static byte[] ReadEntry(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.Entries.Single(e => e.Name == name).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // Rewrites the model file with entry `name` replaced by change(old content); with updateChecksums
    // the checksums entry is rewritten to match, so the entry's own reader must find the problem.
    private void Rewrite(string name, Func<byte[], byte[]> change, bool updateChecksums = false)
    {
        var entries = new List<(string Name, byte[] Content)>();
        using (var zip = ZipFile.OpenRead(_path))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries.Add((entry.FullName, entry.Name == name ? change(copy.ToArray()) : copy.ToArray()));
            }
        }
        Assert.Contains(entries, e => e.Name.EndsWith("/" + name, StringComparison.Ordinal));
        if (updateChecksums)
        {
            int index = entries.FindIndex(e => e.Name.EndsWith("/checksums.txt", StringComparison.Ordinal));
            string folder = entries[index].Name[..^"checksums.txt".Length];
            var lines = Encoding.UTF8.GetString(entries[index].Content).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                string entryName = line[65..];
                byte[] content = entries.Single(e => e.Name == folder + entryName).Content;
                return $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))} {entryName}\n";
            });
            entries[index] = (entries[index].Name, Encoding.UTF8.GetBytes(string.Concat(lines)));
        }
        File.Delete(_path);
        using var output = ZipFile.Open(_path, ZipArchiveMode.Create);
        foreach (var (entryName, content) in entries)
        {
            using var stream = output.CreateEntry(entryName).Open();
            stream.Write(content);
        }
    }
}
