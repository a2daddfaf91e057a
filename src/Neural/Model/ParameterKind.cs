// What a parameter tensor is, which decides its initialisation and whether AdamW decays it.
namespace MlNetAttention.Neural.Model;

public enum ParameterKind
{
    /// <summary>An embedding table (token or position); decayed unless AdamWOptions.DecayEmbeddings is off.</summary>
    Embedding,
    /// <summary>A weight matrix of a linear map; always decayed.</summary>
    Weight,
    /// <summary>A bias vector (of a linear map or a layer norm); never decayed.</summary>
    Bias,
    /// <summary>A layer-norm gain; never decayed.</summary>
    NormGain,
}
