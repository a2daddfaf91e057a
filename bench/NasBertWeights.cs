// A correctly shaped NasBert2000000.tsm for ML.NET's TextClassification trainer, with random weights,
// so that trainer runs offline. At Fit it loads its NAS-BERT encoder's weights from
// <MLContext.TempFilePath>/mlnet/NasBert2000000.tsm and downloads the file only when it is absent;
// a file of the wrong layout is refused ("Mismatched state_dict sizes"). The file written here is
// the encoder of the trainer's own model class, built through reflection exactly as its trainer
// builds it (NasBertModel(options, pad index, symbol count) with the trainer's default
// options and its embedded RoBERTa tokenizer) and saved with TorchSharp's Module.save, the format
// its Module.load reads. Random weights give the speed of the real model, not its accuracy.
// Reflection on internals: verified against Microsoft.ML.TorchSharp 0.24.0; a mismatch throws naming
// the type or member that was not found.
using System.Reflection;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.Runtime;

namespace MlNetAttention.Bench;

internal static class NasBertWeights
{
    public const string FileName = "NasBert2000000.tsm";

    /// <summary>Writes the file under <paramref name="context"/>'s temp path unless one is there; returns its path.</summary>
    public static string EnsureFile(global::Microsoft.ML.MLContext context, int seed)
    {
        string folder = Path.Combine(context.TempFilePath, "mlnet");
        string path = Path.Combine(folder, FileName);
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(folder);
        Assembly assembly = typeof(TorchSharpCatalog).Assembly;
        Type optionsType = Find(assembly, "Microsoft.ML.TorchSharp.NasBert.NasBertTrainer+NasBertOptions");
        Type modelType = Find(assembly, "Microsoft.ML.TorchSharp.NasBert.Models.NasBertModel");
        Type tokenizers = Find(assembly, "Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions");

        object options = Activator.CreateInstance(optionsType, nonPublic: true)!;
        // The head's class count does not matter: only the encoder is saved (the trainer sizes its own head).
        optionsType.GetField("NumberOfClasses", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.SetValue(options, 2);
        using IChannel channel = ((IHostEnvironment)context).Start("NAS-BERT weights");
        object tokenizer = Method(tokenizers, "GetInstance").Invoke(null, [channel])!;
        object roberta = Method(tokenizers, "RobertaModel").Invoke(null, [tokenizer])!;
        int padIndex = (int)Property(roberta, "PadIndex");
        int symbols = (int)Property(roberta, "SymbolsCount");
        // NasBertModel is abstract; its concrete models (prediction head variants) share the encoder, which is all
        // the file holds. Take one whose constructor is (options, pad index, symbol count[, classes]).
        const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var candidates = assembly.GetTypes().Where(t => !t.IsAbstract && modelType.IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors(Any))
            .Where(c => c.GetParameters() is { Length: 3 or 4 } ps && ps[0].ParameterType.IsAssignableFrom(optionsType)
                        && ps.Skip(1).All(p => p.ParameterType == typeof(int)))
            .ToList();
        ConstructorInfo constructor = candidates.FirstOrDefault()
            ?? throw new MissingMethodException($"no concrete {modelType.FullName} with an (options, padIndex, symbolsCount[, classes]) constructor; the subclasses are: " +
                string.Join("; ", assembly.GetTypes().Where(t => modelType.IsAssignableFrom(t)).Select(t => t.Name + "(" +
                    string.Join(" | ", t.GetConstructors(Any).Select(c => string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name)))) + ")")));
        object[] arguments = constructor.GetParameters().Length == 3 ? [options, padIndex, symbols] : [options, padIndex, symbols, 2];
        TorchSharp.torch.manual_seed(seed);
        using var model = (TorchSharp.torch.nn.Module)constructor.Invoke(arguments);
        var encoder = (TorchSharp.torch.nn.Module)Method(modelType, "GetEncoder").Invoke(model, null)!;
        string temporary = path + ".tmp";
        encoder.save(temporary);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static Type Find(Assembly assembly, string name) =>
        assembly.GetType(name) ?? throw new TypeLoadException($"{name} not found in {assembly.GetName()}: the NAS-BERT layout this file reproduces has changed.");

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new MissingMethodException(type.FullName, name);

    private static object Property(object target, string name) =>
        target.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(target)
        ?? throw new MissingMemberException(target.GetType().FullName, name);
}
