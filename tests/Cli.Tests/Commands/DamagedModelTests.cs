// A model file damaged after it was saved (a changed byte inside the weights, a removed stage entry)
// is reported, although ML.NET calls our loader by reflection (TargetInvocationException), as one line naming the file and the entry, with exit code 1, by every command that loads it.
using System.IO.Compression;
using MlNetAttention.Cli.Tests.Support;

namespace MlNetAttention.Cli.Tests.Commands;

[Collection(TrainedModelCollection.Name)]
public sealed class DamagedModelTests(TrainedModelFixture fixture)
{
    [Fact]
    public void Changed_weights_are_detected_by_predict_and_evaluate()
    {
        fixture.Training.Succeeds();
        string damaged = fixture.NewPath("damaged.zip");
        File.Copy(fixture.ModelPath, damaged);
        using (var zip = ZipFile.Open(damaged, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("weights.safetensors", StringComparison.Ordinal));
            byte[] bytes;
            using (var stream = entry.Open())
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            bytes[bytes.Length / 2] ^= 0x5A;
            string name = entry.FullName;
            entry.Delete();
            using var replaced = zip.CreateEntry(name).Open();
            replaced.Write(bytes);
        }

        foreach (var result in new[]
        {
            CliRunner.Run("predict", "--model", damaged, "--text", "hello"),
            CliRunner.Run("evaluate", "--model", damaged, "--dataset", Sample.Test, "--label-col", "label"),
        })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.StartsWith($"error: Model '{damaged}': entry '", result.Error); // our loader's message, unwrapped from ML.NET's reflection call
            Assert.Contains("weights.safetensors", result.Error);
            Assert.Contains("corrupted", result.Error);
            Assert.DoesNotContain("   at ", result.Error);
        }
    }

    [Fact]
    public void A_missing_stage_entry_is_detected()
    {
        fixture.Training.Succeeds();
        string damaged = fixture.NewPath("missing.zip");
        File.Copy(fixture.ModelPath, damaged);
        using (var zip = ZipFile.Open(damaged, ZipArchiveMode.Update))
            zip.Entries.Single(e => e.FullName.EndsWith("tokenizer.bin", StringComparison.Ordinal)).Delete();

        var result = CliRunner.Run("predict", "--model", damaged, "--text", "hello");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("tokenizer.bin", result.Error);
        Assert.Contains("missing", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }
}
