// A transformer that owns another transformer (as a trainer's scoring stage may own a label map),
// used to test nested components in model files (SaveComponent / LoadComponent).
namespace MlNetAttention.Data.Tests.Support;

public sealed class WrappingTransformer(ITransformer inner) : ITransformer, ICanSaveModel
{
    public ITransformer Inner { get; } = inner;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Inner.GetOutputSchema(inputSchema);

    public IDataView Transform(IDataView input) => Inner.Transform(input);

    public void Save(ModelSaveContext context)
    {
        context.WriteText("note.txt", "wrapper");
        context.SaveComponent("inner", Inner);
    }

    public static WrappingTransformer Load(ModelLoadContext context)
    {
        if (context.ReadText("note.txt") != "wrapper") throw context.Error("note.txt", "unexpected note");
        return new WrappingTransformer(context.LoadComponent("inner"));
    }
}
