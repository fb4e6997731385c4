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
// Input the parser cannot read (an unknown option, a repeated one, a missing argument) is bad input: exit 2, as API.md says.
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }

    return 2;
}

return await parsed.InvokeAsync();
