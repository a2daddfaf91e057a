// The CLI reads CSV strictly where ML.NET's TextLoader is lenient (it would read a short row's missing
// value as empty and keep going): a malformed row is an error naming the file, the line and the column,
// exit code 1, in every command, and nothing is written.
using MlNetAttention.Cli.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Commands;

[Collection(TrainedModelCollection.Name)]
public sealed class MalformedCsvTests(TrainedModelFixture fixture)
{
    [Theory]
    [InlineData("label,text\r\nWorld,fine\r\nSports\r\n", "line 3, column 'text' (field 2): the value is missing")]
    [InlineData("label,text\r\nWorld,fine\r\n\r\nSports,one,two\r\n", "line 4, field 3 (the header has 2 columns): the row has 3 fields")]
    [InlineData("label,text\r\nWorld,\"quoted\" tail\r\n", "line 2, column 'text' (field 2): unexpected character ' ' after the closing quote")]
    [InlineData("label,text\r\nWorld,\"two\r\nlines\"\r\nSports,\"open\r\n", "line 4, column 'text' (field 2): unterminated quoted field")]
    public void A_malformed_row_is_an_error_naming_the_file_the_line_and_the_column(string content, string where)
    {
        fixture.Training.Succeeds();
        using var folder = new TempDirectory();
        string bad = folder.WriteText("bad.csv", content);
        string output = folder.File("out.csv"), metrics = folder.File("m.json");
        foreach (var result in new[]
        {
            CliRunner.Run("describe", "--dataset", bad, "--label-col", "label"),
            CliRunner.Run("evaluate", "--model", fixture.ModelPath, "--dataset", bad, "--label-col", "label", "--metrics-json", metrics),
            CliRunner.Run("predict", "--model", fixture.ModelPath, "--dataset", bad, "--output", output),
        })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.StartsWith($"error: File '{bad}', {where}", result.Error);
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // one line, no stack trace
        }
        Assert.Equal(["bad.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_malformed_header_names_the_file_and_line()
    {
        using var folder = new TempDirectory();
        string bad = folder.WriteText("bad.csv", "label,\"text\r\nWorld,fine\r\n");
        var result = CliRunner.Run("describe", "--dataset", bad, "--label-col", "label");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"error: File '{bad}', line 1 (header): unterminated quoted field", result.Error);
    }
}
