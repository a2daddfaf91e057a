// Property-based round trips (FsCheck): random rows of random text — separators, quotes, CR, LF,
// spaces, accents, CJK and emoji surrogate pairs — plus a float column, written as RFC 4180 with
// random line endings, quoting and an optional byte-order mark, read back identical. Seeds are
// fixed so a failure reproduces.
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using MlNetAttention.Data.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Loading;

public sealed class TextLoaderRoundTripTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] Pieces =
    [
        "a", "b", "Z", "0", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\t", "é", "ß", "日", "本", "语", "🎉", "👍🏽", ";", "'",
    ];

    private static Gen<string> TextGen =>
        Gen.Elements(Pieces).ListOf().Select(parts => string.Concat(parts));

    private static Gen<float> FloatGen => Gen.OneOf(
        Gen.Elements(0f, -0f, 1f, -1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => (float)f.Get));

    public sealed record Row(string Label, string Text, float Score);

    public sealed record Case(Row[] Rows, string Newline, bool QuoteAll, bool Bom);

    private static Gen<Row> RowGen =>
        from label in TextGen
        from text in TextGen
        from score in FloatGen
        select new Row(label, text, score);

    private static Gen<Case> CaseGen =>
        from rows in RowGen.ArrayOf()
        from newline in Gen.Elements("\n", "\r\n")
        from quoteAll in Gen.Elements(true, false)
        from bom in Gen.Elements(true, false)
        select new Case(rows, newline, quoteAll, bom);

    private static Config Seeded(ulong seed, int tests) =>
        Config.QuickThrowOnFailure.WithMaxTest(tests)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));

    [Fact]
    public void RandomRowsWrittenAsRfc4180ReadBackIdentical()
    {
        var ml = new MLContext(seed: 1);
        var property = Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var lines = c.Rows.Select(r => new[] { r.Label, r.Text, r.Score.ToString("R", CultureInfo.InvariantCulture) });
            string csv = CsvText.Write([["label", "text", "score"], .. lines], c.Newline, c.QuoteAll);
            string path = _temp.File($"{Guid.NewGuid():N}.csv");
            File.WriteAllBytes(path, [.. c.Bom ? new byte[] { 0xEF, 0xBB, 0xBF } : [], .. Encoding.UTF8.GetBytes(csv)]);

            var data = ml.Data.LoadFromTextFile<LoadedRow>(path, separatorChar: ',', hasHeader: true, allowQuoting: true);
            var read = ml.Data.CreateEnumerable<LoadedRow>(data, reuseRowObject: false).ToArray();
            File.Delete(path);
            return read.Length == c.Rows.Length
                && read.Zip(c.Rows).All(p => p.First.Label == p.Second.Label && p.First.Text == p.Second.Text
                    && p.First.Score.Equals(p.Second.Score));
        });
        Check.One(Seeded(20240601, 200), property);
    }

    [Fact]
    public void TabSeparatedWithoutQuotingRoundTripsTextFreeOfTabsAndLineBreaks()
    {
        var ml = new MLContext(seed: 1);
        var plain = Gen.Elements(Pieces.Where(p => p.IndexOfAny(['\t', '\r', '\n']) < 0).ToArray())
            .NonEmptyListOf().Select(parts => string.Concat(parts));
        var property = Prop.ForAll(Gen.Zip(plain, plain).ArrayOf().ToArbitrary(), rows =>
        {
            string path = _temp.File($"{Guid.NewGuid():N}.tsv");
            File.WriteAllText(path, string.Concat(rows.Select(r => $"{r.Item1}\t{r.Item2}\n")));
            var data = ml.Data.LoadFromTextFile(path, [new("A", DataKind.String, 0), new("B", DataKind.String, 1)]);
            var a = DataViewValues.ReadColumn(data, "A");
            var b = DataViewValues.ReadColumn(data, "B");
            File.Delete(path);
            return a.SequenceEqual(rows.Select(r => (object?)r.Item1)) && b.SequenceEqual(rows.Select(r => (object?)r.Item2));
        });
        Check.One(Seeded(7, 100), property);
    }

    public sealed class LoadedRow
    {
        [LoadColumn(0)] public string Label { get; set; } = "";
        [LoadColumn(1)] public string Text { get; set; } = "";
        [LoadColumn(2)] public float Score { get; set; }
    }
}
