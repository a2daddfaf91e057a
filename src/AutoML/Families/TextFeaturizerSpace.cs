// The FeaturizeText hyper-parameters every classic family tunes: longest word n-gram, character
// n-gram length (0 = none) and the vector norm. FeaturizeText's own defaults are word 1–2-grams,
// character 3-grams and L2 (TextFeaturizingEstimator.Options); families start from those or cheaper.
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace MlNetAttention.AutoML;

/// <summary>Text featurization hyper-parameters and the FeaturizeText estimator they build.</summary>
public static class TextFeaturizerSpace
{
    public const string WordNgramLength = "wordNgramLength";
    public const string CharNgramLength = "charNgramLength";
    public const string Norm = "norm";

    /// <summary>The three featurizer parameters: word n-grams 1–3, character n-grams 0 (off) or 2–5, norm L2/L1/Infinity/None.</summary>
    public static HyperParameter[] Parameters() =>
    [
        HyperParameter.Choice(WordNgramLength, 1, 2, 3),
        HyperParameter.Choice(CharNgramLength, 0, 2, 3, 4, 5),
        HyperParameter.Choice(Norm, "L2", "L1", "Infinity", "None"),
    ];

    /// <summary>FeaturizeText's defaults: word 1–2-grams, character 3-grams, L2.</summary>
    public static (string Name, object Value)[] MlNetDefaults() =>
        [(WordNgramLength, 2), (CharNgramLength, 3), (Norm, "L2")];

    /// <summary>FeaturizeText(text → features) with the given word/char n-grams and norm; words of every length up to
    /// the longest (UseAllLengths), character n-grams of exactly the given length (FeaturizeText's default).</summary>
    public static IEstimator<ITransformer> Build(TrialContext context, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        int charNgramLength = parameters.GetInt32(CharNgramLength);
        var options = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = parameters.GetInt32(WordNgramLength), UseAllLengths = true },
            CharFeatureExtractor = charNgramLength == 0
                ? null
                : new WordBagEstimator.Options { NgramLength = charNgramLength, UseAllLengths = false },
            Norm = parameters.GetString(Norm) switch
            {
                "L2" => TextFeaturizingEstimator.NormFunction.L2,
                "L1" => TextFeaturizingEstimator.NormFunction.L1,
                "Infinity" => TextFeaturizingEstimator.NormFunction.Infinity,
                "None" => TextFeaturizingEstimator.NormFunction.None,
                var other => throw new ArgumentException($"Unknown norm '{other}'.", nameof(parameters)),
            },
        };
        return context.MLContext.Transforms.Text.FeaturizeText(context.FeatureColumnName, options, context.TextColumnName);
    }

    /// <summary>Reads a parameter whose choices are "auto" (the trainer's own default, null) or a number.</summary>
    public static float? OptionalSingle(ParameterSet parameters, string name) => parameters.Get(name) switch
    {
        "auto" => null,
        double d => (float)d,
        int i => i,
        var other => throw new ArgumentException($"Parameter '{name}' = {other} is neither \"auto\" nor a number.", nameof(parameters)),
    };

    /// <inheritdoc cref="OptionalSingle"/>
    public static int? OptionalInt32(ParameterSet parameters, string name) => parameters.Get(name) switch
    {
        "auto" => null,
        int i => i,
        var other => throw new ArgumentException($"Parameter '{name}' = {other} is neither \"auto\" nor an integer.", nameof(parameters)),
    };
}
