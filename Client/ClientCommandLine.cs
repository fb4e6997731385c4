using System.CommandLine;
using Actors.Client.Cluster;
using Actors.Client.Keys;
using Actors.Client.LoadTest;
using Actors.Client.Logins;
using Actors.Client.Merkle;
using Actors.Client.Offline;

namespace Actors.Client;

/// <summary>The client's command tree, and running it on arguments.</summary>
internal static class ClientCommandLine
{
    /// <summary>Every command, the cluster commands using <paramref name="services"/>.</summary>
    public static RootCommand Create(CommandServices services)
    {
        var root = new RootCommand("Operator and user client for the actor cluster.");
        root.Subcommands.Add(ClusterCommands.Create(services));
        root.Subcommands.Add(CounterCommands.CreateCounter(services));
        root.Subcommands.Add(WalletCommands.Create(services));
        root.Subcommands.Add(PoolCommands.Create(services));
        root.Subcommands.Add(NftCommands.Create(services));
        root.Subcommands.Add(RecoveryCommands.Create(services));
        root.Subcommands.Add(KeyCommands.Create(services));
        root.Subcommands.Add(LoginCommand.Create(services));
        root.Subcommands.Add(LoginCommand.Session(services));
        foreach (var command in EthereumCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(MerkleCommands.Create());
        root.Subcommands.Add(LoginsCommands.Create(services));
        root.Subcommands.Add(LoadTestCommand.Create(services));
        return root;
    }

    /// <summary>Parses and runs; returns the exit code. Output and errors go where <paramref name="configuration"/> says (the console by default).</summary>
    public static async Task<int> RunAsync(
        string[] args, CommandServices services, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        configuration ??= new InvocationConfiguration();
        var parsed = Create(services).Parse(args);

        // Input the parser cannot read (an unknown option, a repeated one, a missing argument) is bad input: exit 2, as API.md says.
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await configuration.Error.WriteLineAsync(error.Message);
            }

            return 2;
        }

        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
