// What training must guarantee beyond matching PyTorch: it learns a synthetic rule, it is
// bit-for-bit deterministic for a seed (for the same and for different thread counts), it allocates
// nothing per step after warm-up, and different seeds give different models. The determinism and
// allocation checks run with the n-gram bag on, so its lazy row updates are covered too.
using MlNetAttention.Neural.Kernels;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.TestSupport;
using MlNetAttention.Neural.Training;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Model;

[Collection(SerialCollection.Name)]
public sealed class TrainingBehaviourTests(ITestOutputHelper output)
{
    private static EncoderClassifierConfig WithEveryDropout(EncoderClassifierConfig c) => c with
    {
        AttentionDropout = 0.1f, ResidualDropout = 0.1f, FeedForwardDropout = 0.1f,
        EmbeddingDropout = 0.1f, WordDropout = 0.05f, ClassifierDropout = 0.1f,
    };

    [Theory]
    [InlineData(PoolingKind.Attention)]
    [InlineData(PoolingKind.AttentionAndMean)]
    public void Learns_which_marker_token_appears_to_99_percent(PoolingKind pooling)
    {
        var model = new EncoderClassifier(WithEveryDropout(SyntheticData.Config(pooling)), seed: 1,
            new TrainingOptions { PenaltyWeight = 0.01f });
        var batch = new TokenBatch(32, SyntheticData.MaxLength);
        var rng = new SplitMix64(123);
        const int steps = 300;
        var schedule = new LinearWarmupCosineDecay(3e-3f, steps, warmupRatio: 0.1);
        float loss = 0;
        for (int s = 0; s < steps; s++)
        {
            SyntheticData.Fill(batch, 32, ref rng);
            loss = model.TrainStep(batch, schedule.RateAt(s));
        }

        int correct = 0, total = 0;
        var probabilities = new float[32 * SyntheticData.Classes];
        for (int round = 0; round < 16; round++)
        {
            SyntheticData.Fill(batch, 32, ref rng);
            model.Predict(batch, probabilities);
            for (int b = 0; b < batch.Count; b++, total++)
            {
                ReadOnlySpan<float> p = probabilities.AsSpan(b * SyntheticData.Classes, SyntheticData.Classes);
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p) == batch.Labels[b]) correct++;
            }
        }
        double accuracy = correct / (double)total;
        output.WriteLine($"{pooling}: final training loss {loss:F4}, held-out accuracy {accuracy:P2} on {total} sequences");
        Assert.True(accuracy >= 0.99, $"accuracy {accuracy:P2} < 99 %");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(1, 2)] // every kernel splits work independently of the thread count
    public void Same_seed_gives_bit_identical_weights(int threadsA, int threadsB)
    {
        float[] a = TrainFewSteps(seed: 7, threadsA);
        float[] b = TrainFewSteps(seed: 7, threadsB);
        Assert.True(a.AsSpan().SequenceEqual(b), "weights differ");
        float[] c = TrainFewSteps(seed: 8, threadsA);
        Assert.False(a.AsSpan().SequenceEqual(c), "a different seed must give a different model");
    }

    private static EncoderClassifierConfig WithNgramBag(EncoderClassifierConfig c) => c with
    {
        NgramDimension = 8, NgramOrder = 3, NgramBuckets = 97,
    };

    private static float[] TrainFewSteps(int seed, int threads)
    {
        var model = new EncoderClassifier(WithNgramBag(WithEveryDropout(SyntheticData.Config(PoolingKind.AttentionAndMean))), seed,
            new TrainingOptions { PenaltyWeight = 0.1f, LabelSmoothing = 0.1f }) { ThreadCount = threads };
        var batch = new TokenBatch(16, SyntheticData.MaxLength);
        var rng = new SplitMix64(99);
        for (int s = 0; s < 5; s++)
        {
            SyntheticData.Fill(batch, 16 - s, ref rng); // varying batch size and lengths
            model.TrainStep(batch, 1e-3f);
        }
        return model.Parameters.Values.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void A_training_step_allocates_nothing_after_warm_up(int threads)
    {
        var model = new EncoderClassifier(WithNgramBag(WithEveryDropout(SyntheticData.Config(PoolingKind.AttentionAndMean))), seed: 3,
            new TrainingOptions { PenaltyWeight = 0.1f, ClassWeights = [1f, 2f, 3f] }) { ThreadCount = threads };
        var batch = new TokenBatch(16, SyntheticData.MaxLength);
        var probabilities = new float[16 * SyntheticData.Classes];
        var weights = new float[16 * SyntheticData.MaxLength];
        var rng = new SplitMix64(5);
        for (int s = 0; s < 3; s++) // warm-up: JIT, capacity
        {
            SyntheticData.Fill(batch, 16, ref rng);
            model.TrainStep(batch, 1e-3f);
            model.Predict(batch, probabilities, weights);
        }
        // Three measured windows of two steps each. This thread must allocate nothing in any window.
        // The process-wide count also sees the test host's own threads (its message bus allocates now
        // and then), so it is taken as the minimum over the windows: an engine allocation would show
        // in every window.
        long threadBytes = 0, totalBytes = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long thread = GC.GetAllocatedBytesForCurrentThread();
            long total = GC.GetTotalAllocatedBytes(precise: true);
            for (int s = 0; s < 2; s++)
            {
                SyntheticData.Fill(batch, 16 - s, ref rng);
                model.TrainStep(batch, 1e-3f);
                model.Predict(batch, probabilities, weights);
            }
            threadBytes += GC.GetAllocatedBytesForCurrentThread() - thread;
            totalBytes = Math.Min(totalBytes, GC.GetTotalAllocatedBytes(precise: true) - total);
        }
        output.WriteLine($"threads={threads}: {threadBytes} bytes on this thread, {totalBytes} bytes in the process (least of 3 windows)");
        Assert.Equal(0, threadBytes);
        Assert.Equal(0, totalBytes); // covers the pool's worker threads too
    }
}
