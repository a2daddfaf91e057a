// Forward parity of the BERT encoder with ONNX Runtime on the two packaged checkpoints: the same
// model.onnx is run by ORT (the reference, tests only) and imported into the engine; last_hidden_state
// must agree within 1e-4 on every real token of a padded batch of real sentences tokenized by
// Microsoft.ML.Tokenizers' BertTokenizer from the model's own vocab.txt, including a sentence pair
// (token types 0 and 1). Pads are compared nowhere: the engine does not compute them, and with the
// key-padding mask they influence no real token.
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using MlNetAttention.Encoders;
using MlNetAttention.Neural.Model;
using MlNetAttention.Neural.Pretrained;
using Xunit.Abstractions;

namespace MlNetAttention.Neural.Tests.Pretrained;

public sealed class OnnxParityTests(ITestOutputHelper output)
{
    public const float Tolerance = 1e-4f;

    private static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog.",
        "I loved this movie!",
        "Stocks fell sharply on Tuesday after the central bank raised interest rates by half a point, surprising analysts.",
        "Café naïve façade — résumé",
    ];

    private static readonly (string First, string Second) Pair = ("Is this product any good?", "It broke after two days.");

    public static TheoryData<string> Encoders => new() { MiniLM.Name, ArcticXs.Name };

    internal static PretrainedBert LoadEncoder(string name) => name switch
    {
        MiniLM.Name => MiniLM.Load(),
        ArcticXs.Name => ArcticXs.Load(),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>Token ids and types of the test rows: the sentences, then the pair.</summary>
    internal static List<(int[] Ids, int[] Types)> Rows(PretrainedBert bert)
    {
        BertTokenizer tokenizer = BertTokenizer.Create(bert.VocabularyPath, new BertOptions { LowerCaseBeforeTokenization = true });
        var rows = Sentences.Select(s => (tokenizer.EncodeToIds(s).ToArray(), new int[tokenizer.EncodeToIds(s).Count])).ToList();
        int[] first = tokenizer.EncodeToIds(Pair.First, addSpecialTokens: false).ToArray();
        int[] second = tokenizer.EncodeToIds(Pair.Second, addSpecialTokens: false).ToArray();
        int[] pairIds = [.. tokenizer.BuildInputsWithSpecialTokens(first, second)];
        int[] pairTypes = [.. tokenizer.CreateTokenTypeIdsFromSequences(first, second)];
        rows.Add((pairIds, pairTypes));
        return rows;
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Last_hidden_state_matches_onnx_runtime_on_a_padded_batch(string name)
    {
        PretrainedBert bert = LoadEncoder(name);
        Assert.Equal(new BertShape(30522, 384, 512, 2, 6, 12, 1536, 1e-12f), bert.Shape);
        var rows = Rows(bert);
        Assert.Equal("[CLS]", bert.Vocabulary[rows[0].Ids[0]]);
        Assert.Contains(1, rows[^1].Types);
        int B = rows.Count, T = rows.Max(r => r.Ids.Length), C = bert.Shape.ModelDimension;

        float[] reference = RunOnnx(bert.ModelPath, rows, T, C);

        var config = bert.Configure(new EncoderClassifierConfig
        {
            VocabularySize = bert.Shape.VocabularySize, ClassCount = 2, Pooling = PoolingKind.Mean,
            AttentionDropout = 0f, ResidualDropout = 0f, FeedForwardDropout = 0f,
        });
        var model = EncoderClassifier.FromPretrained(bert, config, seed: 1);
        var batch = new TokenBatch(B, T);
        foreach (var (ids, types) in rows)
        {
            batch.Add(ids);
            batch.SetLastRowTokenTypes(types);
        }
        var states = new float[batch.TokenCount * C];
        model.Encode(batch, states);

        double worst = 0;
        int n = 0;
        for (int b = 0; b < B; b++)
        {
            for (int t = 0; t < rows[b].Ids.Length; t++, n++)
            {
                for (int c = 0; c < C; c++)
                {
                    double diff = Math.Abs(states[n * C + c] - reference[(b * T + t) * C + c]);
                    worst = Math.Max(worst, diff);
                    Assert.True(diff <= Tolerance, $"{name}: row {b} token {t} channel {c}: engine {states[n * C + c]} vs ORT {reference[(b * T + t) * C + c]}");
                }
            }
        }
        output.WriteLine($"{name}: {B} rows, padded length {T}, {batch.TokenCount} real tokens; max |engine − ORT| = {worst:E2}");
    }

    /// <summary>ORT's last_hidden_state (B, T, C) for the rows padded to T with [PAD] = 0 and attention_mask 0.</summary>
    internal static float[] RunOnnx(string modelPath, List<(int[] Ids, int[] Types)> rows, int T, int C)
    {
        int B = rows.Count;
        var ids = new DenseTensor<long>([B, T]);
        var mask = new DenseTensor<long>([B, T]);
        var types = new DenseTensor<long>([B, T]);
        for (int b = 0; b < B; b++)
        {
            for (int t = 0; t < rows[b].Ids.Length; t++)
            {
                ids[b, t] = rows[b].Ids[t];
                mask[b, t] = 1;
                types[b, t] = rows[b].Types[t];
            }
        }
        using var options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (session.InputMetadata.ContainsKey("token_type_ids")) inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", types));
        string outputName = session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state"
            : session.OutputMetadata.First(o => o.Value.Dimensions.Length == 3).Key;
        using var results = session.Run(inputs, [outputName]);
        float[] hidden = results.First().AsTensor<float>().ToArray();
        Assert.Equal(B * T * C, hidden.Length);
        return hidden;
    }
}
