using System.CommandLine;
using Actors.Client.Cluster;
using Actors.Client.Offline;

var root = new RootCommand("Operator and user client for the actor cluster.");
root.Subcommands.Add(ClusterCommands.Create());
root.Subcommands.Add(CounterCommands.CreateCounter());
foreach (var command in EthereumCommands.Create()) root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
