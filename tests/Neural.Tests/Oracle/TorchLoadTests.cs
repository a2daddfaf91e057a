// That libtorch loads in the test host and trains: the check that build/TorchSharpNative.targets
// made TorchSharp's native library loadable here (on Debian 12 it fails without the step), and that
// autograd and AdamW run. Every oracle test depends on this; it fails first and says why.
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAttention.Neural.Tests.Oracle;

public sealed class TorchLoadTests
{
    [Fact]
    public void Libtorch_loads_and_runs_a_backward_pass_and_an_adamw_step()
    {
        TorchRuntime.EnsureInitialised();
        using var scope = NewDisposeScope();
        var w = new TorchSharp.Modules.Parameter(tensor(new float[] { 1f, -2f, 3f }));
        var x = tensor(new float[] { 0.5f, 0.25f, -1f });
        Tensor loss = (w * x).sum().pow(2);          // (w·x)² = (0.5 − 0.5 − 3)² = 9
        loss.backward();
        float[] grad = w.grad!.data<float>().ToArray(); // 2·(w·x)·x = −6·x
        Assert.Equal(9f, loss.item<float>(), 5);
        Assert.Equal(new[] { -3f, -1.5f, 6f }, grad);

        var optimizer = optim.AdamW([w], lr: 0.1, weight_decay: 0);
        optimizer.step();                            // Adam's first step moves each weight by lr against its gradient's sign
        Assert.Equal(new[] { 1.1f, -1.9f, 2.9f }, w.data<float>().ToArray().Select(v => MathF.Round(v, 4)).ToArray());
    }
}
