using System.CommandLine;
using Actors.Client.Cluster;

var root = new RootCommand("Operator and user client for the actor cluster.");
root.Subcommands.Add(ClusterCommands.Create());
root.Subcommands.Add(CounterCommands.CreateCounter());
return await root.Parse(args).InvokeAsync();
