// End-to-end: the pretrained MiniLM encoder under a mean-pooling head fine-tunes. On eight short
// labelled sentences (sentiment), full training steps (dropout, clipping, AdamW) must drive the
// training loss from about ln 2 to below 0.05, and every encoder tensor must have moved; a failure
// of the backward through the post-LN stack or of the weight import would show as no progress.
using MlNetAttention.Encoders;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Pretrained;
using MlNetAttention.Neural.Training;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Pretrained;

public sealed class FineTuningTests(ITestOutputHelper output)
{
    private static readonly (string Text, int Label)[] Examples =
    [
        ("I loved this film, it was wonderful.", 1),
        ("An absolute delight from start to finish.", 1),
        ("Great acting and a moving story.", 1),
        ("The best meal I have had in years.", 1),
        ("This was a terrible waste of time.", 0),
        ("Boring, slow and badly written.", 0),
        ("The product broke after one day.", 0),
        ("I hated every minute of it.", 0),
    ];

    [Fact]
    public void MiniLM_fine_tunes_on_a_small_labelled_set()
    {
        PretrainedBert bert = MiniLM.Load();
        var tokenizer = Microsoft.ML.Tokenizers.BertTokenizer.Create(bert.VocabularyPath, new Microsoft.ML.Tokenizers.BertOptions { LowerCaseBeforeTokenization = true });
        var config = bert.Configure(new EncoderClassifierConfig
        {
            VocabularySize = bert.Shape.VocabularySize, ClassCount = 2, Pooling = PoolingKind.Mean,
            AttentionDropout = 0.1f, ResidualDropout = 0.1f, FeedForwardDropout = 0f,
        });
        var model = EncoderClassifier.FromPretrained(bert, config, seed: 3, new TrainingOptions { MaxGradientNorm = 1f });
        float[] initial = model.Parameters.Values.ToArray();
        var batch = new TokenBatch(Examples.Length, 32);
        foreach (var (text, label) in Examples) batch.Add(tokenizer.EncodeToIds(text).ToArray(), label);

        float first = model.Evaluate(batch), loss = first;
        for (int step = 0; step < 40 && loss >= 0.05f; step++)
        {
            model.TrainStep(batch, 1e-4f);
            loss = model.Evaluate(batch);
        }
        output.WriteLine($"loss {first:F3} → {loss:F4} after fine-tuning");
        Assert.InRange(first, 0.3f, 1.5f);
        Assert.True(loss < 0.05f, $"the training loss only fell from {first:F3} to {loss:F4}");
        foreach (ParameterTensor t in model.Parameters.Tensors.Where(t => BertParameters.IsEncoderTensor(t.Name)))
        {
            bool moved = !model.Parameters.ValuesOf(t).SequenceEqual(initial.AsSpan(t.Offset, t.Length));
            Assert.True(moved, $"{t.Name} did not change");
        }
    }
}
