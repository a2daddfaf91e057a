// Damaged model files: System.IO.Compression finds some damage only lazily (a broken central
// directory when the entry list is first used, a broken local header when an entry is opened or
// read), and every such failure must still be an InvalidDataException or FormatException naming the
// model file, and the entry when one is being read. Bytes are changed at the zip structures
// themselves (located by their signatures), then at every position of the file, then the file is
// cut at every length.
using System.Buffers.Binary;
using System.Text;
using MlNetAttention.Data.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Model;

public sealed class DamagedModelFileTests : IDisposable
{
    private const string StageEntry = "stages/000_TextLengthTransformer/config.json";

    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    public sealed class Input
    {
        public string Text { get; set; } = "";
    }

    private byte[] SavedModel()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Input { Text = "abc" } });
        var model = new TextLengthEstimator("Length", "Text").Append(new TextLengthEstimator("Length2", "Text")).Fit(data);
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    }

    // Offsets of the zip records with signature PK{a}{b}: local file headers (3, 4) or central directory headers (1, 2).
    private static List<int> Records(byte[] zip, byte a, byte b)
    {
        var offsets = new List<int>();
        for (int i = 0; i + 4 <= zip.Length; i++)
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == a && zip[i + 3] == b) offsets.Add(i);
        return offsets;
    }

    // The local file header of the entry called <name> (the name follows the 30-byte fixed part).
    private static int LocalHeaderOf(byte[] zip, string name)
    {
        byte[] expected = Encoding.UTF8.GetBytes(name);
        return Records(zip, 3, 4).Single(at =>
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 26));
            return zip.AsSpan(at + 30, nameLength).SequenceEqual(expected);
        });
    }

    private Exception LoadFails(byte[] damaged, string fileName = "damaged.zip")
    {
        string path = _temp.File(fileName);
        File.WriteAllBytes(path, damaged);
        var error = Assert.ThrowsAny<Exception>(() => _ml.Model.Load(path, out _));
        Assert.True(error is InvalidDataException or FormatException, $"{error.GetType().Name}: {error.Message}");
        Assert.Contains(fileName, error.Message);
        return error;
    }

    private static byte[] Flipped(byte[] zip, params int[] offsets)
    {
        var copy = (byte[])zip.Clone();
        foreach (int offset in offsets) copy[offset] ^= 0xFF;
        return copy;
    }

    [Fact]
    public void ADamagedCentralDirectoryNamesTheFile()
    {
        var zip = SavedModel();
        var directory = Records(zip, 1, 2);
        Assert.Equal(3, directory.Count); // manifest and the two stages' config.json

        foreach (int header in directory)
        {
            LoadFails(Flipped(zip, header, header + 1));          // its signature
            LoadFails(Flipped(zip, header + 28, header + 29));    // its file-name length
        }
    }

    [Fact]
    public void ADamagedLocalHeaderNamesTheFileAndTheEntry()
    {
        var zip = SavedModel();
        foreach (string entry in new[] { "manifest.json", StageEntry })
        {
            int header = LocalHeaderOf(zip, entry);
            foreach (int field in new[] { 26, 28 }) // file-name length, extra-field length
            {
                var error = LoadFails(Flipped(zip, header + field)); // the low byte: the entry's data seems to start elsewhere
                Assert.Contains(entry, error.Message);
            }
        }
    }

    [Fact]
    public void ABrokenCompressedStreamInAStageEntryNamesTheFileAndTheEntry()
    {
        var zip = SavedModel();
        int header = LocalHeaderOf(zip, StageEntry);
        int dataStart = header + 30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(header + 26))
            + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(header + 28));
        // The first 3 bits of a deflate stream are BFINAL and the block type (RFC 1951, 3.2.3); type 3 is reserved.
        var damaged = (byte[])zip.Clone();
        damaged[dataStart] = 0b111;
        var error = LoadFails(damaged);
        Assert.Contains(StageEntry, error.Message);
    }

    [Fact]
    public void EveryFlippedByteLoadsOrFailsNamingTheFile()
    {
        var zip = SavedModel();
        for (int offset = 0; offset < zip.Length; offset++)
        {
            string path = _temp.File("flipped.zip");
            File.WriteAllBytes(path, Flipped(zip, offset));
            try
            {
                _ml.Model.Load(path, out _);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException)
            {
                Assert.True(e.Message.Contains("flipped.zip"), $"byte {offset}: {e.Message}");
            }
        }
    }

    [Fact]
    public void EveryTruncationFailsNamingTheFile()
    {
        var zip = SavedModel();
        for (int length = 0; length < zip.Length; length++) LoadFails(zip[..length], "cut.zip");
    }
}
