// `mlnet-attention describe --dataset FILE.csv --label-col NAME`: reads a CSV (header, RFC 4180
// quoting) as the other commands do (CsvDataset: strict, every column Text) and prints its schema, row
// count, label distribution and the length of every other text column. It reads the file once,
// streaming, so it works on files of any size. Exit codes: 0 ok, 1 unreadable or malformed file, 2 bad
// arguments (a label column that is not in the file).
using System.CommandLine;
using System.Globalization;
using MlNetAttention.Cli.Data;

namespace MlNetAttention.Cli.Commands;

internal static class DescribeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var dataset = new Option<string>("--dataset") { Description = "CSV file with a header row (RFC 4180).", Required = true, HelpName = "FILE.csv" };
        var labelColumn = new Option<string>("--label-col") { Description = "Name of the label column.", Required = true, HelpName = "NAME" };
        var command = new Command("describe", "Print a dataset's schema, row count and label distribution.")
        {
            dataset, labelColumn,
        };
        command.SetAction(result => Run(result.GetValue(dataset)!, result.GetValue(labelColumn)!, environment));
        return command;
    }

    public static int Run(string datasetPath, string labelColumn, CliEnvironment environment)
    {
        var dataset = CsvDataset.Open(datasetPath, "--dataset");
        dataset.RequireColumn(labelColumn, "--label-col");
        var data = new CancellableDataView(dataset.LoadAll(), environment.Cancellation);
        Describe(data, dataset.Path, labelColumn, environment.Output);
        return ExitCodes.Success;
    }

    private static void Describe(IDataView data, string path, string labelColumn, TextWriter output)
    {
        var label = data.Schema[labelColumn];
        var texts = data.Schema.Where(c => !c.IsHidden && c.Name != labelColumn).ToArray();
        var labelCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lengths = texts.Select(_ => new LengthStats()).ToArray();
        long rows = 0;
        using (var cursor = data.GetRowCursor(data.Schema))
        {
            var labelGetter = cursor.GetGetter<ReadOnlyMemory<char>>(label);
            var textGetters = texts.Select(c => cursor.GetGetter<ReadOnlyMemory<char>>(c)).ToArray();
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                rows++;
                labelGetter(ref value);
                string key = value.ToString();
                labelCounts[key] = labelCounts.GetValueOrDefault(key) + 1;
                for (int i = 0; i < textGetters.Length; i++)
                {
                    textGetters[i](ref value);
                    lengths[i].Add(value.Length);
                }
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"Dataset: {path}");
        output.WriteLine("Schema:");
        int nameWidth = data.Schema.Max(c => c.Name.Length);
        foreach (var column in data.Schema)
            output.WriteLine($"  {column.Index,2}  {column.Name.PadRight(nameWidth)}  {column.Type}");
        output.WriteLine($"Rows: {rows}");
        output.WriteLine($"Label distribution ({labelColumn}, {labelCounts.Count} classes):");
        int labelWidth = Math.Max(7, labelCounts.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max());
        foreach (var (name, count) in labelCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            string shown = name.Length == 0 ? "(empty)" : name;
            output.WriteLine(string.Format(invariant, "  {0}  {1,8}  {2,6:0.0}%", shown.PadRight(labelWidth), count, 100.0 * count / rows));
        }
        for (int i = 0; i < texts.Length; i++)
        {
            var s = lengths[i];
            output.WriteLine(string.Format(invariant, "Text column {0}: length in characters min {1}, mean {2:0.0}, max {3}",
                texts[i].Name, s.Min, s.Mean, s.Max));
        }
    }

    private sealed class LengthStats
    {
        private long _count;
        private long _total;

        public long Min { get; private set; }
        public long Max { get; private set; }
        public double Mean => _count == 0 ? 0 : (double)_total / _count;

        public void Add(int length)
        {
            Min = _count == 0 ? length : Math.Min(Min, length);
            Max = Math.Max(Max, length);
            _total += length;
            _count++;
        }
    }
}
