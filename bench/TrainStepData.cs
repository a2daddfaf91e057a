// The data preparation of ../shared/anchors/torch_reference.py, transcribed so that the train-step
// benchmark feeds our engine exactly what the reference feeds PyTorch: RFC 4180 CSV (header
// label,text), lower-case regex tokens [a-z0-9]+|[^\sa-z0-9], a vocabulary of the most frequent
// 20,000 − 2 training tokens seen at least twice after <pad>=0 and <unk>=1 (ties in first-seen
// order, as Counter.most_common), rows cut to 128 tokens, an empty row becoming [<unk>], and
// labels numbered in sorted order.
using System.Text;
using System.Text.RegularExpressions;

namespace MlNetAttention.Bench;

internal sealed partial class TrainStepData
{
    [GeneratedRegex(@"[a-z0-9]+|[^\sa-z0-9]")]
    private static partial Regex TokenPattern();

    public required string[] Labels { get; init; }
    public required int VocabularySize { get; init; }
    public required (int Label, int[] Ids)[] Train { get; init; }
    public required (int Label, int[] Ids)[] Test { get; init; }

    public static TrainStepData Load(string trainPath, string testPath, int vocabulary, int maxLength, int limit)
    {
        var train = ReadCsv(trainPath).Select(r => (r.Label, Tokens: Tokenize(r.Text))).ToList();
        var test = ReadCsv(testPath).Select(r => (r.Label, Tokens: Tokenize(r.Text))).ToList();
        string[] labels = train.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (limit > 0) train = train.Take(limit).ToList();

        var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        foreach (var (_, tokens) in train)
        {
            foreach (string t in tokens)
                counts[t] = counts.TryGetValue(t, out var c) ? (c.Count + 1, c.First) : (1, counts.Count);
        }
        var itos = new List<string> { "<pad>", "<unk>" };
        itos.AddRange(counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.First)
            .Take(vocabulary - 2).Where(kv => kv.Value.Count >= 2).Select(kv => kv.Key));
        var stoi = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < itos.Count; i++) stoi[itos[i]] = i;

        int[] Encode(List<string> tokens)
        {
            int[] ids = tokens.Take(maxLength).Select(t => stoi.GetValueOrDefault(t, 1)).ToArray();
            return ids.Length == 0 ? [1] : ids;
        }
        int LabelId(string label) => Array.BinarySearch(labels, label, StringComparer.Ordinal) is int i and >= 0 ? i : -1;
        return new TrainStepData
        {
            Labels = labels,
            VocabularySize = itos.Count,
            Train = train.Select(r => (LabelId(r.Label), Encode(r.Tokens))).ToArray(),
            Test = test.Select(r => (LabelId(r.Label), Encode(r.Tokens))).ToArray(),
        };
    }

    private static List<string> Tokenize(string text) =>
        TokenPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    /// <summary>Rows of an RFC 4180 CSV file with a header, as (first field, second field).</summary>
    internal static IEnumerable<(string Label, string Text)> ReadCsv(string path)
    {
        string content = File.ReadAllText(path, Encoding.UTF8);
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, header = true;
        for (int i = 0; i <= content.Length; i++)
        {
            char c = i < content.Length ? content[i] : '\n';
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n'))
            {
                if (c == '\r') i++;
                fields.Add(field.ToString());
                field.Clear();
                if (!header && fields.Count >= 2) yield return (fields[0], fields[1]);
                header = false;
                fields.Clear();
            }
            else field.Append(c);
        }
    }
}
