// EncoderClassifierConfig: validation names the bad setting; JSON round-trips; the parameter table
// follows the configuration (what exists for each pooling and position kind, and its size).
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Tests.Layers;

namespace MlNetAttention.Neural.Tests.Model;

public sealed class ConfigTests
{
    public static TheoryData<string, EncoderClassifierConfig> BadConfigs()
    {
        EncoderClassifierConfig ok = SmallModels.Config();
        return new()
        {
            { "VocabularySize", ok with { VocabularySize = 1 } },
            { "ClassCount", ok with { ClassCount = 1 } },
            { "HeadCount", ok with { HeadCount = 3 } },              // 8 is not a multiple of 3
            { "LayerCount", ok with { LayerCount = -1 } },
            { "AttentionDropout", ok with { AttentionDropout = 1f } },
            { "WordDropout", ok with { WordDropout = -0.1f } },
            { "UnknownTokenId", ok with { UnknownTokenId = 0 } },
            { "UnknownTokenId", ok with { UnknownTokenId = 12 } },
            { "LayerNormEpsilon", ok with { LayerNormEpsilon = 0f } },
            { "Pooling", ok with { Pooling = (PoolingKind)17 } },
            { "PoolingHops", ok with { PoolingHops = 0 } },
            { "Encoder", ok with { Encoder = (EncoderKind)5 } },
            { "TokenTypeCount", ok with { TokenTypeCount = 2 } },    // the scratch encoder has no token-type table
            { "TokenTypeCount", ok with { Encoder = EncoderKind.Bert } },
            { "PositionEncoding", ok with { Encoder = EncoderKind.Bert, TokenTypeCount = 2, PositionEncoding = PositionEncodingKind.Sinusoidal } },
        };
    }

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Invalid_settings_are_rejected_naming_the_setting(string name, EncoderClassifierConfig config)
    {
        var e = Assert.Throws<ArgumentException>(() => new EncoderClassifier(config, seed: 0));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Json_round_trips_and_rejects_unknown_fields()
    {
        EncoderClassifierConfig config = SmallModels.Config() with
        {
            Pooling = PoolingKind.AttentionAndMean, PositionEncoding = PositionEncodingKind.Sinusoidal, WordDropout = 0.1f,
        };
        Assert.Equal(config, EncoderClassifierConfig.FromJson(config.ToJson()));
        Assert.Contains("\"AttentionAndMean\"", config.ToJson());
        Assert.Throws<ArgumentException>(() => EncoderClassifierConfig.FromJson("{\"VocabularySize\": 5, \"ClassCount\": 2, \"Colour\": 1}"));
        Assert.Throws<ArgumentException>(() => EncoderClassifierConfig.FromJson("{\"ClassCount\": 2}"));
        EncoderClassifierConfig bert = SmallModels.Config() with { Encoder = EncoderKind.Bert, TokenTypeCount = 2, LayerNormEpsilon = 1e-12f };
        Assert.Equal(bert, EncoderClassifierConfig.FromJson(bert.ToJson()));
        Assert.Contains("\"Encoder\":\"Bert\"", bert.ToJson());
        var e = Assert.Throws<ArgumentException>(() => EncoderClassifierConfig.FromJson(bert.ToJson().Replace("\"TokenTypeCount\":2", "\"TokenTypeCount\":0")));
        Assert.Contains("TokenTypeCount", e.Message);
    }

    [Fact]
    public void The_reference_configuration_has_the_reference_parameter_count()
    {
        // torch_reference.py with its defaults printed params=1886468 on ag_news, whose vocabulary
        // (count ≥ 2) has 11,428 entries: (11428 + 128)·128 embeddings, 2 × 198,272 per layer, 256 for
        // the final norm, 8,448 for the pooling and 2,052 for the 4-class head.
        var config = new EncoderClassifierConfig { VocabularySize = 11428, ClassCount = 4 };
        Assert.Equal(1886468, new EncoderClassifier(config, seed: 0).Parameters.ElementCount);
    }

    [Theory]
    [InlineData(PoolingKind.Mean, PositionEncodingKind.None, false, false)]
    [InlineData(PoolingKind.Attention, PositionEncodingKind.Learned, true, true)]
    [InlineData(PoolingKind.AttentionAndMean, PositionEncodingKind.Sinusoidal, true, false)]
    [InlineData(PoolingKind.FirstToken, PositionEncodingKind.Learned, false, true)]
    public void Parameter_table_follows_the_configuration(PoolingKind pooling, PositionEncodingKind positions, bool hasPool, bool hasPositions)
    {
        var model = new EncoderClassifier(SmallModels.Config() with { Pooling = pooling, PositionEncoding = positions, LayerCount = 0 }, seed: 0);
        Assert.Equal(hasPool, model.Parameters.TryGet("pool.w1.weight", out _));
        Assert.Equal(hasPositions, model.Parameters.TryGet("position_embedding.weight", out _));
        Assert.False(model.Parameters.TryGet("layers.0.norm1.weight", out _));
        Assert.Equal([3, model.Config.PooledDimension], model.Parameters["classifier.weight"].Shape);
    }

    [Fact]
    public void Initialisation_follows_pytorch_defaults_and_the_seed()
    {
        var a = new EncoderClassifier(SmallModels.Config(), seed: 4);
        var b = new EncoderClassifier(SmallModels.Config(), seed: 4);
        Assert.True(a.Parameters.Values.SequenceEqual(b.Parameters.Values));
        ParameterArena p = a.Parameters;
        Assert.True(p.ValuesOf(p["token_embedding.weight"])[..8].IndexOfAnyExcept(0f) < 0, "[PAD] row starts at zero");
        Assert.True(p.ValuesOf(p["layers.0.norm1.weight"]).IndexOfAnyExcept(1f) < 0);
        Assert.True(p.ValuesOf(p["layers.0.self_attn.in_proj_bias"]).IndexOfAnyExcept(0f) < 0);
        float bound = 1f / MathF.Sqrt(16); // linear2: fan_in 16
        Assert.All(p.ValuesOf(p["layers.1.linear2.weight"]).ToArray(), v => Assert.InRange(v, -bound, bound));
    }
}
