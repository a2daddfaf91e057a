// The runtime's way for one assembly to use another's non-public members: the CLR reads this
// attribute, by name, on the calling assembly and then skips its access checks for the named
// assemblies. The BCL does not ship the type, so an assembly that wants it declares it. This assembly
// declares it for the two ML.NET assemblies whose internals a savable, loadable ML.NET component needs
// (ModelSaveContext's and ModelLoadContext's members, LoadableClassAttribute, SignatureLoadModel,
// SchemaShape.Column's constructor); the compiler sees those members through the publicized reference
// copies (PublicizedReferences.targets). Every use of them is in this folder.
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Data")]

namespace System.Runtime.CompilerServices;

[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    public string AssemblyName { get; } = assemblyName;
}
