// TokenBatch's token types (BERT segment ids): 0 unless set, set per row after Add, checked for
// length and sign, cleared when the row is replaced; a scratch model accepts only type 0.
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.Layers;

namespace MlNetAttention.Neural.Tests.Model;

public sealed class TokenTypeTests
{
    [Fact]
    public void Types_default_to_zero_are_set_per_row_and_reset_by_clear()
    {
        var batch = new TokenBatch(2, 4);
        Assert.Throws<InvalidOperationException>(() => batch.SetLastRowTokenTypes([]));
        batch.Add([5, 6, 7]);
        batch.Add([8, 9]);
        batch.SetLastRowTokenTypes([0, 1]);
        Assert.Equal([0, 0, 0, 0, 1], batch.TokenTypes.ToArray());
        Assert.Throws<ArgumentException>(() => batch.SetLastRowTokenTypes([0, 1, 1]));
        Assert.Throws<ArgumentException>(() => batch.SetLastRowTokenTypes([0, -1]));
        batch.Clear();
        batch.Add([5, 6]);
        batch.Add([8, 9]);
        Assert.Equal([0, 0, 0, 0], batch.TokenTypes.ToArray());
    }

    [Fact]
    public void A_scratch_model_refuses_token_types()
    {
        var model = new EncoderClassifier(SmallModels.Config(), seed: 1);
        var batch = new TokenBatch(1, 4);
        batch.Add([2, 3, 4]);
        batch.SetLastRowTokenTypes([0, 1, 1]);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(batch, new float[3]));
        Assert.Contains("token type 1", e.Message);
    }
}
