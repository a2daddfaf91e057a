// MLContext.Transforms, as ML.NET's TransformsCatalog. It holds no methods itself: the Transforms
// assembly adds them as extension methods (Concatenate, CopyColumns, Conversion.MapValueToKey,
// Text.*), exactly as ML.NET's packages extend it, so lower layers stay independent of higher ones.
namespace MlNetAttention;

/// <summary>Entry point of the data transformations.</summary>
public sealed class TransformsCatalog
{
    internal TransformsCatalog(MLContext context)
    {
        Context = context;
        Conversion = new ConversionTransforms(context);
        Text = new TextTransforms(context);
    }

    /// <summary>The owning context (for extension authors: its log and seed).</summary>
    public MLContext Context { get; }

    /// <summary>Type and key conversions (MapValueToKey, MapKeyToValue).</summary>
    public ConversionTransforms Conversion { get; }

    /// <summary>Text transformations (tokenizers, normalisation).</summary>
    public TextTransforms Text { get; }

    /// <summary>Conversion transforms; methods are extensions from the Transforms assembly.</summary>
    public sealed class ConversionTransforms
    {
        internal ConversionTransforms(MLContext context) => Context = context;

        /// <summary>The owning context (for extension authors).</summary>
        public MLContext Context { get; }
    }

    /// <summary>Text transforms; methods are extensions from the Transforms assembly.</summary>
    public sealed class TextTransforms
    {
        internal TextTransforms(MLContext context) => Context = context;

        /// <summary>The owning context (for extension authors).</summary>
        public MLContext Context { get; }
    }
}
