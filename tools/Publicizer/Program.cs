// Publicizer: `MlNetAttention.Publicizer OUTPUT_DIR INPUT.dll...` writes each input assembly to
// OUTPUT_DIR with every type, method and field made public, so that our code can be compiled against
// the members ML.NET keeps internal (ModelSaveContext, ModelLoadContext, LoadableClassAttribute,
// SchemaShape.Column's constructor). The copies are compile-time references only: at run time the real,
// signed assemblies load, and the runtime lets our assembly use their non-public members because it
// declares [IgnoresAccessChecksTo] for them.
// Skipped on purpose: compiler-generated members (backing fields, closures), which no source can name,
// and fields that share their name with an event of the same type (an event's backing field), which
// would make the event ambiguous to the C# compiler.
// The tool rewrites an output only when it is older than its input, so incremental builds stay quiet.
using Mono.Cecil;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MlNetAttention.Publicizer OUTPUT_DIR INPUT.dll...");
    return 2;
}
string outputDirectory = args[0];
Directory.CreateDirectory(outputDirectory);
var resolver = new DefaultAssemblyResolver();
foreach (string directory in args.Skip(1).Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!).Distinct())
    resolver.AddSearchDirectory(directory);

foreach (string input in args.Skip(1))
{
    string output = Path.Combine(outputDirectory, Path.GetFileName(input));
    if (File.Exists(output) && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(input)) continue;
    using var assembly = AssemblyDefinition.ReadAssembly(input, new ReaderParameters { AssemblyResolver = resolver });
    int changed = 0;
    foreach (var type in assembly.MainModule.GetTypes())
        changed += Publicize(type);
    string temporary = output + ".tmp";
    assembly.Write(temporary);
    File.Move(temporary, output, overwrite: true);
    Console.WriteLine($"Publicizer: {Path.GetFileName(input)}: {changed} types and members made public.");
}
return 0;

static int Publicize(TypeDefinition type)
{
    int changed = 0;
    if (!IsCompilerGenerated(type))
    {
        if (type.IsNested && !type.IsNestedPublic) { type.IsNestedPublic = true; changed++; }
        else if (!type.IsNested && !type.IsPublic) { type.IsPublic = true; changed++; }
    }
    foreach (var method in type.Methods)
    {
        if (method.IsPublic || IsCompilerGenerated(method)) continue;
        method.IsPublic = true;
        changed++;
    }
    var eventNames = type.Events.Select(e => e.Name).ToHashSet();
    foreach (var field in type.Fields)
    {
        if (field.IsPublic || IsCompilerGenerated(field) || eventNames.Contains(field.Name)) continue;
        field.IsPublic = true;
        changed++;
    }
    return changed;
}

static bool IsCompilerGenerated(ICustomAttributeProvider member) =>
    member.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");
