// MLContext: catalogs point back to their context, seeds are reproducible, the log reaches listeners.
using MlNetAttention.Runtime;

namespace MlNetAttention.Data.Tests;

public sealed class MLContextTests
{
    [Fact]
    public void SameSeedGivesTheSameSeedSequence()
    {
        var a = new MLContext(seed: 123);
        var b = new MLContext(seed: 123);
        var c = new MLContext(seed: 124);
        var first = Enumerable.Range(0, 5).Select(_ => a.NextSeed()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => b.NextSeed()));
        Assert.NotEqual(first, Enumerable.Range(0, 5).Select(_ => c.NextSeed()));
        Assert.Equal(123, a.Seed);
        Assert.Null(new MLContext().Seed);
    }

    [Fact]
    public void CatalogsExposeTheirContextForExtensionAuthors()
    {
        var ml = new MLContext(seed: 1);
        Assert.Same(ml, ml.Data.Context);
        Assert.Same(ml, ml.Transforms.Context);
        Assert.Same(ml, ml.Transforms.Conversion.Context);
        Assert.Same(ml, ml.Transforms.Text.Context);
        Assert.Same(ml, ml.MulticlassClassification.Context);
        Assert.Same(ml, ml.MulticlassClassification.Trainers.Context);
        Assert.Same(ml, ml.Model.Context);
    }

    [Fact]
    public void LogMessagesReachEveryListenerWithSourceAndKind()
    {
        var ml = new MLContext(seed: 1);
        var seen = new List<LoggingEventArgs>();
        ml.Log += (sender, e) =>
        {
            Assert.Same(ml, sender);
            seen.Add(e);
        };
        ml.WriteLog("Trainer", ChannelMessageKind.Info, "epoch 1");
        var message = Assert.Single(seen);
        Assert.Equal(("Trainer", ChannelMessageKind.Info, "epoch 1"), (message.Source, message.Kind, message.RawMessage));
        Assert.Equal("[Source=Trainer, Kind=Info] epoch 1", message.Message);
        Assert.Throws<ArgumentException>(() => ml.WriteLog(" ", ChannelMessageKind.Info, "x"));
    }
}
