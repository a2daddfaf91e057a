// The loader on a real 33 MB file from ../shared (skipped with a message when it is absent): the
// IMDB training set has 25,000 reviews, many of them quoted and multi-line, and reading it must
// stream — memory after a full pass stays far below the file's size.
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Loading;

// Runs alone: the memory check reads the process-wide GC heap, which parallel tests would disturb.
[CollectionDefinition(nameof(SharedDatasetTests), DisableParallelization = true)]
public sealed class SharedDatasetCollection;

[Collection(nameof(SharedDatasetTests))]
public sealed class SharedDatasetTests
{
    public sealed class Review
    {
        [LoadColumn(0)] public string Label { get; set; } = "";
        [LoadColumn(1)] public string Text { get; set; } = "";
    }

    [SharedDataFact("imdb/train.csv")]
    public void ImdbTrainHas25000RowsAndIsReadInBoundedMemory()
    {
        var ml = new MLContext(seed: 1);
        string path = SharedData.DatasetFile("imdb/train.csv");
        var data = ml.Data.LoadFromTextFile<Review>(path, separatorChar: ',', hasHeader: true, allowQuoting: true);

        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long rows = 0, characters = 0, peak = 0;
        var labels = new Dictionary<string, int>();
        using (var cursor = data.GetRowCursor(data.Schema))
        {
            var label = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Label"]);
            var text = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Text"]);
            ReadOnlyMemory<char> l = default, t = default;
            while (cursor.MoveNext())
            {
                label(ref l);
                text(ref t);
                rows++;
                characters += t.Length;
                labels[l.ToString()] = labels.GetValueOrDefault(l.ToString()) + 1;
                if (rows % 5000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }
        long fileBytes = new FileInfo(path).Length;

        Assert.Equal(25_000, rows);
        Assert.Equal(2, labels.Count);
        Assert.True(characters > fileBytes / 2, $"Read only {characters} characters of a {fileBytes}-byte file.");
        // Streaming: what stays alive mid-read is buffers plus a row, not the file.
        Assert.True(peak < fileBytes / 4, $"Live memory grew by {peak} bytes while reading a {fileBytes}-byte file.");
    }
}
