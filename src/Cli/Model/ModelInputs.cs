// Which CSV columns feed a model's text input(s). A model reads its text from the column(s) it was
// trained on (the classifier's Sentence1/Sentence2 names); a CSV may name that column differently, in
// which case --text-col says which one to use (single-text models only). Missing columns are usage
// errors that list what the file has.
using MlNetAttention.Cli.Data;

namespace MlNetAttention.Cli.Model;

internal static class ModelInputs
{
    /// <summary>(name the model reads, header index) for each text input of <paramref name="model"/>.</summary>
    public static IReadOnlyList<(string Name, int Index)> TextColumns(ClassifierModel model, CsvDataset data, string? textColumn)
    {
        if (textColumn is not null)
        {
            if (model.TextColumns.Count != 1)
                throw CliException.Usage(
                    $"--text-col cannot be used with a sentence-pair model (it reads {string.Join(" and ", model.TextColumns)}).");
            return [(model.TextColumns[0], data.RequireColumn(textColumn, "--text-col"))];
        }
        return model.TextColumns
            .Select(name => (name, data.IndexOf(name) is var index and >= 0
                ? index
                : throw CliException.Usage(
                    $"'{data.Path}' has no column '{name}', which the model reads its text from; name the text column with " +
                    $"--text-col (available: {string.Join(", ", data.Header.Select(h => $"'{h}'"))}).")))
            .ToList();
    }
}
