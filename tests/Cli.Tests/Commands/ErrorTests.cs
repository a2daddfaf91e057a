// What a user sees when something is wrong: one clear line on stderr (no stack trace), the exit code
// the README documents (1 for unusable input, 2 for a wrong command line), and no output file.
using System.IO.Compression;
using MlNetAttention.Cli.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Commands;

public sealed class ErrorTests
{
    private static void AssertOneCleanError(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.StartsWith("error: ", result.Error);
        foreach (string fragment in fragments) Assert.Contains(fragment, result.Error);
        Assert.DoesNotContain("   at ", result.Error); // no stack trace
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public void A_missing_dataset_file_is_reported_with_its_path()
    {
        using var folder = new TempDirectory();
        var result = CliRunner.Run(Sample.TrainArgs(folder.File("m.zip"), 1).Replacing(Sample.Train, folder.File("nope.csv")));
        AssertOneCleanError(result, 1, "--dataset", "nope.csv", "does not exist");
        Assert.False(File.Exists(folder.File("m.zip")));
    }

    [Fact]
    public void A_missing_label_column_lists_the_available_columns()
    {
        using var folder = new TempDirectory();
        var result = CliRunner.Run("train", "--dataset", Sample.Train, "--label-col", "category", "--output", folder.File("m.zip"));
        AssertOneCleanError(result, 2, "--label-col", "'category' not found", "available columns: 'label', 'text'");
    }

    [Fact]
    public void With_more_than_two_columns_the_text_column_must_be_named()
    {
        using var folder = new TempDirectory();
        string data = folder.WriteText("three.csv", "label,title,body\r\nA,t,b\r\n");
        var result = CliRunner.Run("train", "--dataset", data, "--label-col", "label", "--output", folder.File("m.zip"));
        AssertOneCleanError(result, 2, "--text-col", "'title', 'body'");

        var missing = CliRunner.Run("train", "--dataset", data, "--label-col", "label", "--text-col", "summary", "--output", folder.File("m.zip"));
        AssertOneCleanError(missing, 2, "--text-col", "'summary' not found", "'label', 'title', 'body'");
    }

    [Fact]
    public void The_test_file_must_have_the_label_and_text_columns()
    {
        using var folder = new TempDirectory();
        string test = folder.WriteText("test.csv", "category,text\r\nWorld,x\r\n");
        var result = CliRunner.Run("train", "--dataset", Sample.Train, "--test-dataset", test, "--label-col", "label", "--output", folder.File("m.zip"));
        AssertOneCleanError(result, 2, "--test-dataset", "'label' not found", "'category', 'text'");
    }

    [Theory]
    [InlineData("--epochs", "abc", "--epochs: 'abc' is not a whole number")]
    [InlineData("--learning-rate", "1,5", "--learning-rate: '1,5' is not a number")]
    [InlineData("--pooling", "max", "--pooling: 'max' is not one of attention, mean, first, attention-mean")]
    [InlineData("--epochs", "0", "--epochs (MaxEpochs) must be at least 1 (null = automatic); got 0")]
    [InlineData("--heads", "3", "--heads (NumberOfHeads) must divide ModelDimension 128; got 3")]
    [InlineData("--validation-fraction", "1.5", "--validation-fraction (ValidationFraction) must be in [0, 1); got 1.5")]
    [InlineData("--word-dropout", "1", "--word-dropout (WordDropout) must be a probability in [0, 1); got 1")]
    [InlineData("--top-k", "0", "--top-k must be at least 1; got 0")]
    public void A_bad_option_value_is_a_usage_error_naming_the_flag(string flag, string value, string message)
    {
        using var folder = new TempDirectory();
        // The trainer's defaults otherwise; options are checked before any data is read.
        var result = CliRunner.Run("train", "--dataset", Sample.Train, "--label-col", "label", "--output", folder.File("m.zip"), flag, value);
        AssertOneCleanError(result, 2, message);
        Assert.False(File.Exists(folder.File("m.zip")));
    }

    [Fact]
    public void Unknown_options_and_missing_required_ones_are_usage_errors_with_a_hint()
    {
        var unknown = CliRunner.Run("train", "--dataset", Sample.Train, "--label-col", "label", "--output", "m.zip", "--bogus");
        AssertOneCleanError(unknown, 2, "--bogus");
        Assert.Contains("mlnet-attention train --help", unknown.Error);

        var missing = CliRunner.Run("train", "--dataset", Sample.Train, "--label-col", "label");
        AssertOneCleanError(missing, 2, "--output");

        var noCommand = CliRunner.Run();
        Assert.Equal(2, noCommand.ExitCode);
    }

    [Theory]
    [InlineData(new string[0], "Give either --text")]
    [InlineData(new[] { "--text", "hi", "--dataset", "in.csv" }, "Give either --text")]
    [InlineData(new[] { "--dataset", "in.csv" }, "--dataset needs --output")]
    [InlineData(new[] { "--text", "hi", "--output", "out.csv" }, "go with --dataset")]
    public void Predict_needs_text_or_dataset_with_output(string[] arguments, string message)
    {
        using var folder = new TempDirectory();
        var result = CliRunner.Run(["predict", "--model", folder.File("any.zip"), .. arguments]);
        AssertOneCleanError(result, 2, message);
    }

    [Fact]
    public void A_model_file_that_is_missing_not_a_zip_or_damaged_is_reported()
    {
        using var folder = new TempDirectory();
        AssertOneCleanError(CliRunner.Run("predict", "--model", folder.File("none.zip"), "--text", "hi"), 1, "--model", "does not exist");
        AssertOneCleanError(CliRunner.Run("predict", "--model", Sample.Test, "--text", "hi"), 1,
            $"Model '{Sample.Test}'", "not an ML.NET model file", "is not a zip archive");

        string foreign = folder.File("foreign.zip");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create)) zip.CreateEntry("hello.txt");
        AssertOneCleanError(CliRunner.Run("evaluate", "--model", foreign, "--dataset", Sample.Test, "--label-col", "label"), 1,
            $"Model '{foreign}'", "not an ML.NET model file");
    }

    [Fact]
    public void A_malformed_csv_row_names_the_file_and_line_and_writes_nothing()
    {
        using var folder = new TempDirectory();
        string bad = folder.WriteText("bad.csv", "label,text\r\nWorld,fine\r\nSports,\"never closed\r\n");
        string model = folder.File("m.zip");
        var result = CliRunner.Run(Sample.TrainArgs(model, 1).Replacing(Sample.Train, bad));
        AssertOneCleanError(result, 1, $"File '{bad}', line 3, column 'text' (field 2): unterminated quoted field");
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void An_output_that_is_a_folder_or_an_input_is_refused_before_training()
    {
        using var folder = new TempDirectory();
        AssertOneCleanError(CliRunner.Run(Sample.TrainArgs(folder.Path, 1)), 2, "--output", "is a folder");
        AssertOneCleanError(CliRunner.Run(Sample.TrainArgs(Sample.Train, 1)), 2, "--output", "is an input file");
        string model = folder.File("m.zip");
        AssertOneCleanError(CliRunner.Run(Sample.TrainArgs(model, 1, "--metrics-json", model)), 2, "the same file");
    }

    [Fact]
    public void Training_data_with_a_single_class_or_no_rows_is_refused()
    {
        using var folder = new TempDirectory();
        string single = folder.WriteText("single.csv", "label,text\r\nA,one\r\nA,two\r\n");
        AssertOneCleanError(CliRunner.Run(Sample.TrainArgs(folder.File("m.zip"), 1).Replacing(Sample.Train, single)), 1, "single class");
        string empty = folder.WriteText("empty.csv", "label,text\r\n");
        AssertOneCleanError(CliRunner.Run(Sample.TrainArgs(folder.File("m.zip"), 1).Replacing(Sample.Train, empty)), 1, "'label'", "no value");
        Assert.False(File.Exists(folder.File("m.zip")));
    }
}
