using System.CommandLine;
using Actors.Client.Cluster;
using Actors.Client.Merkle;
using Actors.Client.Offline;

var root = new RootCommand("Operator and user client for the actor cluster.");
root.Subcommands.Add(ClusterCommands.Create());
root.Subcommands.Add(CounterCommands.CreateCounter());
foreach (var command in EthereumCommands.Create())
{
    root.Subcommands.Add(command);
}

root.Subcommands.Add(MerkleCommands.Create());
return await root.Parse(args).InvokeAsync();
