// What the scoring transformer outputs and how it may be used: Score is a probability vector with the
// class names as SlotNames, PredictedLabel is its argmax as a key with the label's KeyValues (so
// MapKeyToValue recovers the label), attention weights sum to 1 over the encoded tokens, batched
// scoring agrees with one-row-at-a-time scoring, and concurrent cursors, prediction engines and the
// engine pool give exactly the results of sequential use.
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAttention.Estimators.Tests.Support;
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers;

public sealed class ScoringTests
{
    // As in ML.NET samples, the input class has every column the pipeline reads, the label included
    // (MapValueToKey maps the unknown empty label to the missing key; scoring does not use it).
    public sealed class Input
    {
        public string Label { get; set; } = "";
        public string Sentence1 { get; set; } = "";
    }

    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];
        public string PredictedLabel { get; set; } = "";
    }

    private static readonly Lazy<(MLContext Context, ITransformer Pipeline, AttentionTextClassificationTransformer Model)> Trained = new(() =>
    {
        var context = new MLContext(seed: 1);
        var options = TinyData.TinyOptions();
        options.MaxEpochs = 6;
        options.OutputAttentionWeights = true;
        var pipeline = context.Transforms.Conversion.MapValueToKey("Label")
            .Append(context.MulticlassClassification.Trainers.AttentionTextClassification(options))
            .Append(context.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var fitted = pipeline.Fit(context.Data.LoadFromEnumerable(TinyData.Rows(240)));
        var model = (AttentionTextClassificationTransformer)fitted.ElementAt(1);
        return (context, fitted, model);
    });

    private static IDataView Test(MLContext context) =>
        TinyData.Keyed(context, TinyData.Rows(300, seed: 5).Skip(240).ToList());

    [Fact]
    public void Scores_are_probabilities_and_the_prediction_is_their_argmax()
    {
        var (context, _, model) = Trained.Value;
        var scored = ScoredRows.Read(model.Transform(Test(context)));

        Assert.Equal(60, scored.Scores.Length);
        for (int row = 0; row < scored.Scores.Length; row++)
        {
            var p = scored.Scores[row];
            Assert.Equal(4, p.Length);
            Assert.All(p, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(1.0, p.Sum(v => (double)v), 5);
            Assert.Equal((uint)Array.IndexOf(p, p.Max()) + 1, scored.Predicted[row]);
        }
        Assert.True(scored.Accuracy >= 0.9, $"the tiny model should learn the synthetic topics; accuracy {scored.Accuracy:P1}");
    }

    [Fact]
    public void Slot_names_and_key_values_are_the_class_names()
    {
        var (context, _, model) = Trained.Value;
        var schema = model.Transform(Test(context)).Schema;

        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        Assert.Equal(TinyData.Topics, names.DenseValues().Select(n => n.ToString()));
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        schema["PredictedLabel"].GetKeyValues(ref keyValues);
        Assert.Equal(TinyData.Topics, keyValues.DenseValues().Select(n => n.ToString()));
        Assert.Equal(TinyData.Topics, model.ClassNames);
    }

    [Fact]
    public void Attention_weights_sum_to_one_over_the_tokens_they_align_with()
    {
        var (context, _, model) = Trained.Value;
        var scored = ScoredRows.Read(model.Transform(Test(context)));

        for (int row = 0; row < scored.Scores.Length; row++)
        {
            var weights = scored.Attention![row];
            var tokens = scored.Tokens![row];
            Assert.Equal(tokens.Length, weights.Length);
            Assert.Equal("[CLS]", tokens[0]);
            Assert.Equal("[SEP]", tokens[^1]);
            Assert.All(weights, w => Assert.InRange(w, 0f, 1f));
            Assert.Equal(1.0, weights.Sum(w => (double)w), 4);
        }
    }

    [Fact]
    public void A_pipeline_with_MapKeyToValue_predicts_label_strings_one_by_one_as_in_batches()
    {
        var (context, pipeline, _) = Trained.Value;
        var rows = TinyData.Rows(300, seed: 5).Skip(240).ToList();
        var batched = context.Data.CreateEnumerable<Prediction>(pipeline.Transform(context.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToList();
        using var engine = context.Model.CreatePredictionEngine<Input, Prediction>(pipeline);

        for (int i = 0; i < rows.Count; i++)
        {
            var single = engine.Predict(new Input { Sentence1 = rows[i].Sentence1 });
            Assert.Equal(batched[i].PredictedLabel, single.PredictedLabel);
            for (int c = 0; c < 4; c++) Assert.Equal(batched[i].Score[c], single.Score[c], 5);
        }
        Assert.True(batched.Count(p => p.PredictedLabel == rows[batched.IndexOf(p)].Label) >= 54);
    }

    [Fact]
    public void Concurrent_cursors_give_the_scores_of_one_cursor()
    {
        var (context, _, model) = Trained.Value;
        var scored = model.Transform(Test(context));
        var expected = ScoredRows.Read(scored).Scores;

        var results = new float[8][][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = ScoredRows.Read(scored).Scores);

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Engines_on_several_threads_and_the_engine_pool_agree_with_sequential_predictions()
    {
        var (context, pipeline, _) = Trained.Value;
        var texts = TinyData.Rows(40, seed: 9).Select(r => r.Sentence1).ToArray();
        Prediction[] expected;
        using (var engine = context.Model.CreatePredictionEngine<Input, Prediction>(pipeline))
            expected = texts.Select(t => engine.Predict(new Input { Sentence1 = t })).ToArray();

        var perThread = new Prediction[texts.Length];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            using var engine = context.Model.CreatePredictionEngine<Input, Prediction>(pipeline); // one engine per thread
            for (int i = worker; i < texts.Length; i += 4) perThread[i] = engine.Predict(new Input { Sentence1 = texts[i] });
        });
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i].Score, perThread[i].Score);
            Assert.Equal(expected[i].PredictedLabel, perThread[i].PredictedLabel);
        }
    }

    [Fact]
    public void A_cursor_without_scored_columns_passes_the_input_through()
    {
        var (context, _, model) = Trained.Value;
        var input = Test(context);
        var scored = model.Transform(input);

        Assert.Equal(input.GetColumn<string>("Sentence1"), scored.GetColumn<string>("Sentence1"));
        Assert.Equal(input.GetRowCount(), scored.GetRowCount());
    }

    [Fact]
    public void Batches_cover_every_row_when_the_row_count_is_not_a_multiple_of_the_batch()
    {
        var (context, _, model) = Trained.Value;
        // 300 rows > one batch (MaximumSequenceLength is small, so a batch holds MaxBatchRows rows).
        var rows = TinyData.Rows(300, seed: 11);
        var scored = model.Transform(TinyData.Keyed(context, rows));

        var texts = scored.GetColumn<string>("Sentence1").ToArray();
        var scores = scored.GetColumn<float[]>("Score").ToArray();

        Assert.Equal(rows.Select(r => r.Sentence1), texts);
        Assert.Equal(300, scores.Length);
        Assert.All(scores, s => Assert.Equal(1.0, s.Sum(v => (double)v), 5));
    }
}
