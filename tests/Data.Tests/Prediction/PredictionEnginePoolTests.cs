// PredictionEnginePool over a cheap transform (TextLengthTransformer): predictions from many threads
// equal sequential ones, engines are reused (the pool makes a new one only when all are busy, so at
// most one per concurrent caller), a schema mismatch fails when the pool is created, and bad
// arguments and use after Dispose are clear errors.
using MlNetAttention.Data.Tests.Support;

namespace MlNetAttention.Data.Tests.Prediction;

public sealed class PredictionEnginePoolTests
{
    public sealed class Input
    {
        public string Text { get; set; } = "";
    }

    public sealed class Output
    {
        public int Length { get; set; }
        public int[] LengthCodes { get; set; } = [];
    }

    public sealed class OutputWithExtra
    {
        public int Length { get; set; }
        public float NotInTheSchema { get; set; }
    }

    public sealed class NoText
    {
        public float Number { get; set; }
    }

    /// <summary>TextLengthTransformer that counts its Transform calls: each new engine calls Transform once.</summary>
    private sealed class CountingTransformer(ITransformer inner) : ITransformer
    {
        private int _transforms;

        public int Transforms => Volatile.Read(ref _transforms);

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inner.GetOutputSchema(inputSchema);

        public IDataView Transform(IDataView input)
        {
            Interlocked.Increment(ref _transforms);
            return inner.Transform(input);
        }
    }

    private static readonly string[] Texts =
        Enumerable.Range(0, 400).Select(i => new string((char)('a' + i % 26), i % 37) + (i % 5 == 0 ? "🎉" : "")).ToArray();

    [Fact]
    public void PredictionsFromManyThreadsEqualSequentialPredictions()
    {
        var ml = new MLContext(seed: 1);
        var model = new TextLengthTransformer("Length", "Text");
        Output[] expected;
        using (var engine = ml.Model.CreatePredictionEngine<Input, Output>(model))
            expected = Texts.Select(t => engine.Predict(new Input { Text = t })).ToArray();

        using var pool = ml.Model.CreatePredictionEnginePool<Input, Output>(model);
        var pooled = new Output[Texts.Length];
        Parallel.For(0, Texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => pooled[i] = pool.Predict(new Input { Text = Texts[i] }));

        for (int i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(Texts[i].Length, pooled[i].Length);
            Assert.Equal(expected[i].Length, pooled[i].Length);
            Assert.Equal(expected[i].LengthCodes, pooled[i].LengthCodes);
        }
    }

    [Fact]
    public void EnginesAreReusedAndMadeOnlyWhenAllAreBusy()
    {
        var ml = new MLContext(seed: 1);
        var model = new CountingTransformer(new TextLengthTransformer("Length", "Text"));
        using var pool = ml.Model.CreatePredictionEnginePool<Input, Output>(model);
        Assert.Equal(1, model.Transforms); // the engine made up front

        foreach (var text in Texts) Assert.Equal(text.Length, pool.Predict(new Input { Text = text }).Length);
        Assert.Equal(1, model.Transforms); // one caller at a time: that engine every time

        Parallel.For(0, Texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => Assert.Equal(Texts[i].Length, pool.Predict(new Input { Text = Texts[i] }).Length));
        Assert.InRange(model.Transforms, 1, 4); // never more engines than concurrent callers
    }

    [Fact]
    public void ASchemaMismatchFailsWhenThePoolIsCreated()
    {
        var ml = new MLContext(seed: 1);
        var model = new TextLengthTransformer("Length", "Text");

        var noInput = Assert.Throws<SchemaMismatchException>(() => ml.Model.CreatePredictionEnginePool<NoText, Output>(model));
        Assert.Contains("'Text'", noInput.Message);
        var noOutput = Assert.Throws<SchemaMismatchException>(() =>
            ml.Model.CreatePredictionEnginePool<Input, OutputWithExtra>(model, ignoreMissingColumns: false));
        Assert.Contains("NotInTheSchema", noOutput.Message);
        using var lenient = ml.Model.CreatePredictionEnginePool<Input, OutputWithExtra>(model);
        Assert.Equal(3, lenient.Predict(new Input { Text = "abc" }).Length);
    }

    [Fact]
    public void BadArgumentsAndUseAfterDisposeAreClearErrors()
    {
        var ml = new MLContext(seed: 1);
        Assert.Equal("transformer",
            Assert.Throws<ArgumentNullException>(() => ml.Model.CreatePredictionEnginePool<Input, Output>(null!)).ParamName);
        var pool = ml.Model.CreatePredictionEnginePool<Input, Output>(new TextLengthTransformer("Length", "Text"));
        Assert.Equal("example", Assert.Throws<ArgumentNullException>(() => pool.Predict(null!)).ParamName);
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Predict(new Input { Text = "a" }));
        pool.Dispose(); // twice is harmless
    }
}
