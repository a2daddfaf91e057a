// A component that can write itself into a model file. Its type must also expose a public static
// `Load(ModelLoadContext)` factory returning the component, which is how a model file is read back
// without the caller having referenced the component's assembly (see StageTypeResolver).
namespace MlNetAttention;

/// <summary>A transformer that can be saved to a model .zip and loaded back.</summary>
public interface ICanSaveModel
{
    /// <summary>Writes everything needed to rebuild this component into <paramref name="context"/>.</summary>
    void Save(ModelSaveContext context);
}
