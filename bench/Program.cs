// Benchmark dispatcher: `dotnet run --project bench -c Release -- <name> [args]`. Every class that
// implements IBenchmark is found by reflection, so adding a benchmark never touches this file.
using System.Reflection;
using MlNetAttention.Bench;

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: MlNetAttention.Bench <benchmark> [args]\n");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Name,-16} {b.Description}");
    return args.Length == 0 ? 1 : 0;
}

var chosen = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (chosen is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 1;
}
return chosen.Run(args[1..]);
