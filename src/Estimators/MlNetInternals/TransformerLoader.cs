// How ML.NET finds our transformer when it loads a model: the LoadableClass attribute registers a
// loader under our loader signature with the SignatureLoadModel signature, and ML.NET calls its static
// Create(IHostEnvironment, ModelLoadContext). The transformer's folder header names this assembly
// (VersionInfo's loaderAssemblyName), and ModelLoadContext registers that assembly with the
// MLContext's ComponentCatalog before looking the loader up, so mlContext.Model.Load works in a fresh
// process with no registration call.
using Microsoft.ML.Runtime;
using MlNetAttention.MlNetInternals;
using MlNetAttention.Trainers;

[assembly: LoadableClass(typeof(AttentionTextClassificationTransformer), typeof(TransformerLoader), null, typeof(SignatureLoadModel),
    "Attention Text Classification Transformer", AttentionTextClassificationTransformer.LoaderSignature)]

namespace MlNetAttention.MlNetInternals;

internal static class TransformerLoader
{
    // Called by ML.NET through reflection (ComponentCatalog looks for a static "Create" with these parameters).
    private static AttentionTextClassificationTransformer Create(IHostEnvironment env, ModelLoadContext context)
    {
        ArgumentNullException.ThrowIfNull(env);
        var reader = ModelEntryReader.Open(context, AttentionTextClassificationTransformer.Identity, typeof(TransformerLoader));
        return AttentionTextClassificationTransformer.Load(reader);
    }

    /// <summary>Writes the transformer's folder (ICanSaveModel.Save's body).</summary>
    public static void Save(AttentionTextClassificationTransformer transformer, ModelSaveContext context) =>
        transformer.Save(ModelEntryWriter.Begin(context, AttentionTextClassificationTransformer.Identity, typeof(TransformerLoader)));
}
