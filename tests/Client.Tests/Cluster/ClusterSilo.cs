namespace Actors.Client.Tests.Cluster;

/// <summary>One <see cref="TestSilo"/> shared by the cluster-client command tests (which use distinct ids).</summary>
public sealed class ClusterSilo : IAsyncLifetime
{
    public const string Collection = "cluster silo";

    public const string ClusterId = "cli";

    private TestSilo? _silo;

    /// <summary>The silo's gateway, <c>127.0.0.1:port</c>.</summary>
    public string Gateway => _silo!.Gateway;

    /// <summary>The silo's own grain factory, for setting up and checking what the commands did.</summary>
    public IGrainFactory GrainFactory => _silo!.GrainFactory;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(ClusterId);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    /// <summary>Runs a command through the cluster client against this silo.</summary>
    internal Task<CliResult> RunAsync(params string[] args) => RunAsync(TimeProvider.System, args);

    /// <summary>Runs a command through the cluster client against this silo, reading the time from <paramref name="clock"/>.</summary>
    internal Task<CliResult> RunAsync(TimeProvider clock, params string[] args) =>
        Cli.RunAsync(Cli.Offline(clock), [.. args, "--gateway", Gateway, "--cluster-id", ClusterId]);
}

[CollectionDefinition(ClusterSilo.Collection)]
public sealed class ClusterSiloCollection : ICollectionFixture<ClusterSilo>;
