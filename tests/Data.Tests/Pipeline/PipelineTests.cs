// Pipeline contracts: the workout on a RowToRowTransformerBase transform, EstimatorChain and
// TransformerChain with Append, schema checks before fitting, cache checkpoints, laziness of
// Transform, and PredictionEngine.
using MlNetAttention.Data.Tests.Support;
using MlNetAttention.TestKit;

namespace MlNetAttention.Data.Tests.Pipeline;

public sealed class PipelineTests
{
    public sealed class Input
    {
        public string Text { get; set; } = "";
        public float Number { get; set; }
    }

    public sealed class Output
    {
        public int Length { get; set; }
        public int[] LengthCodes { get; set; } = [];
    }

    private static IDataView Data(MLContext ml) =>
        ml.Data.LoadFromEnumerable(new[] { new Input { Text = "hi", Number = 1 }, new Input { Text = "🎉", Number = 2 } });

    public sealed class TextIsANumber
    {
        public float Text { get; set; }
    }

    [Fact]
    public void RowMappingTransformPassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        // Invalid: "Text" is a number.
        var textIsANumber = ml.Data.LoadFromEnumerable(new[] { new TextIsANumber { Text = 3 } });
        EstimatorWorkout.Run(new TextLengthEstimator("Length", "Text"), Data(ml), textIsANumber, invalidColumnName: "Text", ml);
    }

    public sealed class NumbersOnly
    {
        public float Number { get; set; }
    }

    [Fact]
    public void WorkoutRejectsAnInputWithoutTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var noText = ml.Data.LoadFromEnumerable(new[] { new NumbersOnly { Number = 1 } });
        var (_, output) = EstimatorWorkout.Run(new TextLengthEstimator("Length", "Text"), Data(ml), noText, "Text", ml);
        Assert.Equal([2, 2], DataViewValues.ReadColumn(output, "Length"));
    }

    [Fact]
    public void ReplacingAColumnHidesTheOldOne()
    {
        var ml = new MLContext(seed: 1);
        var output = new TextLengthEstimator("Text", "Text").Fit(Data(ml)).Transform(Data(ml));
        Assert.Equal(NumberDataViewType.Int32, output.Schema["Text"].Type);
        Assert.True(output.Schema[0].IsHidden);
        Assert.Equal([2, 2], DataViewValues.ReadColumn(output, "Text"));
    }

    [Fact]
    public void ChainsFitInOrderAndCheckTheWholePipelineFirst()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = new TextLengthEstimator("A", "Text").Append(new TextLengthEstimator("B", "Text"));
        var shape = pipeline.GetOutputSchema(SchemaShape.Create(Data(ml).Schema));
        Assert.Equal(["Text", "Number", "A", "ACodes", "B", "BCodes"], shape.Select(c => c.Name));
        TransformerChain<TextLengthTransformer> model = pipeline.Fit(Data(ml));
        Assert.Equal("B", model.LastTransformer!.OutputColumnName);
        Assert.Equal(2, model.Count());

        var broken = new TextLengthEstimator("A", "Text").Append(new TextLengthEstimator("B", "Nope"));
        var error = Assert.Throws<SchemaMismatchException>(() => broken.Fit(Data(ml)));
        Assert.Contains("Column 'Nope' not found", error.Message);

        var extended = model.Append(new TextLengthTransformer("C", "Text"));
        Assert.Equal([2, 2], DataViewValues.ReadColumn(extended.Transform(Data(ml)), "C"));
        var empty = new EstimatorChain<ITransformer>().Fit(Data(ml));
        Assert.Null(empty.LastTransformer);
        Assert.Equal(Data(ml).Schema.Count, empty.Transform(Data(ml)).Schema.Count);
    }

    [Fact]
    public void TransformIsLazyAndCacheCheckpointMaterialisesOnce()
    {
        var ml = new MLContext(seed: 1);
        int reads = 0;
        IEnumerable<Input> Source()
        {
            reads++;
            yield return new Input { Text = "abc" };
        }
        var data = ml.Data.LoadFromEnumerable(Source());
        var transformed = new TextLengthTransformer("L", "Text").Transform(data);
        Assert.Equal(0, reads);

        var pipeline = new TextLengthEstimator("L", "Text").AppendCacheCheckpoint(ml)
            .Append(new TextLengthEstimator("M", "Text"))
            .Append(new TextLengthEstimator("N", "Text"));
        pipeline.Fit(data);
        Assert.True(reads <= 1, $"The source was read {reads} times while fitting.");
        Assert.Equal([3], DataViewValues.ReadColumn(transformed, "L"));
    }

    [Fact]
    public void ATransformerCanReadItsInputAheadInBatches()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 10).Select(i => new Input { Text = new string('x', i), Number = i }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var batched = new BatchedLengthTransformer("Text", batchSize: 4);
        var output = batched.Transform(data);
        Assert.Equal(Enumerable.Range(0, 10), output.GetColumn<int>("Length"));
        Assert.Equal(3, batched.BatchesComputed);
        // Pass-through columns come from the buffered copies, not from the (already advanced) input cursor.
        Assert.Equal(rows.Select(r => r.Text), output.GetColumn<string>("Text"));
        Assert.Equal(rows.Select(r => r.Number), output.GetColumn<float>("Number"));
        var shuffled = ml.Data.Cache(output);
        using var cursor = shuffled.GetRowCursor(shuffled.Schema, new Random(3));
        var number = cursor.GetGetter<float>(shuffled.Schema["Number"]);
        var length = cursor.GetGetter<int>(shuffled.Schema["Length"]);
        var id = cursor.GetIdGetter();
        float n = 0;
        int l = 0;
        DataViewRowId rowId = default;
        while (cursor.MoveNext())
        {
            number(ref n);
            length(ref l);
            id(ref rowId);
            Assert.Equal((int)n, l);
            Assert.Equal((ulong)n, rowId.Low);
        }
    }

    [Fact]
    public void PredictionEngineMapsOneObjectAtATime()
    {
        var ml = new MLContext(seed: 1);
        var model = new TextLengthEstimator("Length", "Text").Fit(Data(ml));
        using var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
        Assert.Equal(5, engine.Predict(new Input { Text = "hello" }).Length);
        var output = engine.Predict(new Input { Text = "ab" });
        Assert.Equal(2, output.Length);
        Assert.Equal([97, 98], output.LengthCodes);
        Assert.True(engine.OutputSchema.GetColumnOrNull("Length").HasValue);
        engine.Dispose();
        Assert.Throws<ObjectDisposedException>(() => engine.Predict(new Input()));
    }
}
