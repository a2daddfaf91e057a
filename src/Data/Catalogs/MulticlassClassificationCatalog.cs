// MLContext.MulticlassClassification, as ML.NET's MulticlassClassificationCatalog. Trainers are
// extension methods on its Trainers object, added by the Estimators assembly.
namespace MlNetAttention;

/// <summary>Multiclass classification: trainers (and, later, evaluation).</summary>
public sealed class MulticlassClassificationCatalog
{
    internal MulticlassClassificationCatalog(MLContext context)
    {
        Context = context;
        Trainers = new MulticlassClassificationTrainers(context);
    }

    /// <summary>The owning context (for extension authors: its log and seed).</summary>
    public MLContext Context { get; }

    /// <summary>The trainers; each is an extension method from the Estimators assembly.</summary>
    public MulticlassClassificationTrainers Trainers { get; }

    /// <summary>Holder of the multiclass trainer extension methods.</summary>
    public sealed class MulticlassClassificationTrainers
    {
        internal MulticlassClassificationTrainers(MLContext context) => Context = context;

        /// <summary>The owning context (for extension authors).</summary>
        public MLContext Context { get; }
    }
}
