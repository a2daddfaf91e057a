// Entry point of the `mlnet-attention` command: a root command with one subcommand per file under
// Commands/ (describe now; train, evaluate and predict arrive with the trainer).
using System.CommandLine;
using MlNetAttention.Cli.Commands;

var root = new RootCommand("mlnet-attention: text classification the ML.NET way, with a Transformer encoder trained on the CPU.");
root.Subcommands.Add(DescribeCommand.Create());
return root.Parse(args).Invoke();
