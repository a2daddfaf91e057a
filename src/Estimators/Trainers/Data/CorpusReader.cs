// The streaming passes Fit makes over its input, each reading only the columns it needs through a
// fresh cursor (so a file of any size is never held in memory as text):
//   1. labels            every row's key, checked: 0 (missing) or > Count is an error naming the row;
//   2. vocabulary text   the training rows' texts, handed to the tokenizer learner as they are read;
//   3. lengths           each training row's uncut length in tokens (to choose and report the cut);
//   4. encoding          every row's ids into EncodedRows.
// A missing training label is an error rather than a skipped row: ML.NET users expect a trainer to
// refuse unlabeled rows (filter them first, e.g. FilterRowsByMissingValues before MapValueToKey, or
// FilterRowsByKeyColumnFraction), and a silent skip would hide a broken label mapping.
// Every pass checks the CancellationToken every CancellationCheckRows rows.
namespace MlNetAttention.Trainers;

internal static class CorpusReader
{
    private const int CancellationCheckRows = 256;

    /// <summary>The 0-based class of every row of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidOperationException">A row's key is 0 (missing) or above <paramref name="classCount"/>.</exception>
    public static int[] ReadLabels(IDataView data, DataViewSchema.Column label, int classCount, string dataName, CancellationToken cancellation)
    {
        var labels = new List<int>();
        using var cursor = data.GetRowCursor([label]);
        var getter = cursor.GetGetter<uint>(label);
        uint key = 0;
        while (cursor.MoveNext())
        {
            if (labels.Count % CancellationCheckRows == 0) cancellation.ThrowIfCancellationRequested();
            getter(ref key);
            if (key == 0)
                throw new InvalidOperationException(
                    $"{InputColumns.Component}: row {labels.Count} (counting from 0) of the {dataName} has no label: column " +
                    $"'{label.Name}' holds key 0, the missing value (a label MapValueToKey did not know, or an empty one). " +
                    "Every row needs a label; remove unlabeled rows before training.");
            if (key > classCount)
                throw new InvalidOperationException(
                    $"{InputColumns.Component}: row {labels.Count} (counting from 0) of the {dataName} has label key {key} in column " +
                    $"'{label.Name}', outside the key type's 1..{classCount}.");
            labels.Add((int)key - 1);
        }
        return [.. labels];
    }

    /// <summary>The texts of the rows where <paramref name="include"/> is true (every row when null),
    /// both texts of a pair, in row order.</summary>
    public static IEnumerable<ReadOnlyMemory<char>> Texts(IDataView data, DataViewSchema.Column first, DataViewSchema.Column? second,
        bool[]? include, CancellationToken cancellation)
    {
        using var cursor = data.GetRowCursor(Columns(first, second));
        var getFirst = cursor.GetGetter<ReadOnlyMemory<char>>(first);
        var getSecond = second is { } s ? cursor.GetGetter<ReadOnlyMemory<char>>(s) : null;
        ReadOnlyMemory<char> text = default;
        for (int row = 0; cursor.MoveNext(); row++)
        {
            if (row % CancellationCheckRows == 0) cancellation.ThrowIfCancellationRequested();
            if (include is not null && (row >= include.Length || !include[row])) continue;
            getFirst(ref text);
            yield return text;
            if (getSecond is null) continue;
            getSecond(ref text);
            yield return text;
        }
    }

    /// <summary>The uncut encoded length of each row where <paramref name="include"/> is true (every row when null).</summary>
    public static List<int> UncutLengths(IDataView data, DataViewSchema.Column first, DataViewSchema.Column? second,
        SequenceEncoder encoder, bool[]? include, CancellationToken cancellation)
    {
        var lengths = new List<int>();
        ForEachRow(data, first, second, cancellation, (row, a, b) =>
        {
            if (include is null || include[row]) lengths.Add(encoder.UncutLength(a, b));
        });
        return lengths;
    }

    /// <summary>Encodes every row of <paramref name="data"/> with its class from <paramref name="labels"/>.</summary>
    public static EncodedRows Encode(IDataView data, DataViewSchema.Column first, DataViewSchema.Column? second,
        SequenceEncoder encoder, int[] labels, CancellationToken cancellation)
    {
        bool withBag = encoder.BagMaximumLength > 0;
        var rows = new EncodedRows(withBag) { TokenTypeSeparatorId = encoder.TokenTypes ? encoder.Tokenizer.SeparatorTokenId : -1 };
        var ids = new int[encoder.ScratchLength];
        var bagIds = new int[encoder.ScratchLength];
        var segments = new int[encoder.ScratchLength];
        ForEachRow(data, first, second, cancellation, (row, a, b) =>
        {
            if (row >= labels.Length)
                throw new InvalidOperationException($"{InputColumns.Component}: the data returned more rows on a second pass than on the first; it must be deterministic.");
            if (withBag)
            {
                var (count, bagCount) = encoder.EncodeWithBag(a, b, ids, bagIds, segments);
                rows.Add(ids.AsSpan(0, count), bagIds.AsSpan(0, bagCount), labels[row]);
            }
            else rows.Add(ids.AsSpan(0, encoder.Encode(a, b, ids, segments)), labels[row]);
        });
        if (rows.Count != labels.Length)
            throw new InvalidOperationException($"{InputColumns.Component}: the data returned fewer rows on a second pass than on the first; it must be deterministic.");
        return rows;
    }

    private delegate void RowAction(int row, ReadOnlySpan<char> first, ReadOnlySpan<char> second);

    private static void ForEachRow(IDataView data, DataViewSchema.Column first, DataViewSchema.Column? second,
        CancellationToken cancellation, RowAction action)
    {
        using var cursor = data.GetRowCursor(Columns(first, second));
        var getFirst = cursor.GetGetter<ReadOnlyMemory<char>>(first);
        var getSecond = second is { } s ? cursor.GetGetter<ReadOnlyMemory<char>>(s) : null;
        ReadOnlyMemory<char> a = default, b = default;
        for (int row = 0; cursor.MoveNext(); row++)
        {
            if (row % CancellationCheckRows == 0) cancellation.ThrowIfCancellationRequested();
            getFirst(ref a);
            getSecond?.Invoke(ref b);
            action(row, a.Span, b.Span);
        }
    }

    private static DataViewSchema.Column[] Columns(DataViewSchema.Column first, DataViewSchema.Column? second) =>
        second is { } s && s.Index != first.Index ? [first, s] : [first];
}
