// The repository's sample dataset (datasets/sample: 480 training and 160 test rows of four news topics,
// header `label,text`) and the tiny trainer configuration the CLI tests use so that a training run
// takes a second or two: the tests check the command line's behaviour, not the model's accuracy.
using MlNetAttention.TestKit;

namespace MlNetAttention.Cli.Tests.Support;

public static class Sample
{
    public static string Train => Path.Combine(SharedData.RepositoryRoot, "datasets", "sample", "train.csv");

    public static string Test => Path.Combine(SharedData.RepositoryRoot, "datasets", "sample", "test.csv");

    public static readonly string[] Classes = ["World", "Sports", "Business", "Sci/Tech"];

    /// <summary>A small, fast model: one block of width 16.</summary>
    public static readonly string[] TinyModel =
        ["--model-dim", "16", "--layers", "1", "--heads", "2", "--ffn-dim", "32", "--hops", "2", "--attention-dim", "8", "--vocab-size", "800"];

    /// <summary>`train` on the sample with the tiny model and <paramref name="epochs"/> epochs, plus <paramref name="extra"/> arguments.</summary>
    public static string[] TrainArgs(string output, int epochs, params string[] extra) =>
        ["train", "--dataset", Train, "--label-col", "label", "--output", output, "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
         .. TinyModel, .. extra];

    /// <summary><paramref name="args"/> with every <paramref name="oldValue"/> replaced by <paramref name="newValue"/>.</summary>
    public static string[] Replacing(this string[] args, string oldValue, string newValue) =>
        args.Select(a => a == oldValue ? newValue : a).ToArray();
}
