using Actors.Grains.Diagnostics;
using Actors.Grains.Wallets;
using Actors.Runtime.Invocation;
using Actors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// One in-process silo hosting the production grains, shared by the cluster-client command tests (which use distinct ids).
/// The wallets' rate limit is off: the tests stake and claim in quick succession.
/// </summary>
public sealed class ClusterSilo : IAsyncLifetime
{
    public const string Collection = "cluster silo";

    public TestSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        GrainRegistry.EnsureLoaded(typeof(CounterGrain).Assembly);
        Silo = await TestSilo.StartAsync(
            settings: new Dictionary<string, string?> { ["Silo:ClusterId"] = "cli" },
            configureServices: s => s.Configure<WalletOptions>(o => o.SensitiveOperationsPerMinute = 0));
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    /// <summary>Runs a command through the cluster client against this silo.</summary>
    internal Task<CliResult> RunAsync(params string[] args) => RunAsync(TimeProvider.System, args);

    /// <summary>Runs a command through the cluster client against this silo, the command reading the time from <paramref name="clock"/>.</summary>
    internal Task<CliResult> RunAsync(TimeProvider clock, params string[] args) =>
        Cli.RunAsync(Cli.Offline(clock), [.. args, "--gateway", Silo.Gateway, "--cluster-id", "cli"]);
}

[CollectionDefinition(ClusterSilo.Collection)]
public sealed class ClusterSiloCollection : ICollectionFixture<ClusterSilo>;
