namespace Actors.Client.Cluster;

/// <summary>
/// What the cluster commands take from outside their arguments: environment variables, HTTP clients, the cluster client and
/// the clock. The program uses <see cref="Default"/>; tests pass their own.
/// </summary>
/// <param name="Variable">Reads an environment variable (null when unset).</param>
/// <param name="CreateHttpClient">
/// Creates the HTTP client for a silo's REST API at a base URL (ending in '/'); the caller disposes it.
/// </param>
/// <param name="Time">
/// The clock: the command's deadline, the pauses between retries, and the default start of a pool created through the cluster client.
/// </param>
/// <param name="ConnectCluster">Starts the cluster client of one command.</param>
internal sealed record CommandServices(
    Func<string, string?> Variable, Func<Uri, HttpClient> CreateHttpClient, TimeProvider Time, ClusterConnector ConnectCluster)
{
    /// <summary>The services without a cluster client of their own: commands reach the cluster through Orleans.</summary>
    public CommandServices(Func<string, string?> variable, Func<Uri, HttpClient> createHttpClient, TimeProvider time)
        : this(variable, createHttpClient, time, OrleansClusterConnection.ConnectAsync)
    {
    }

    /// <summary>The process environment, a plain HTTP client with a 15-second timeout, the system clock and the Orleans client.</summary>
    public static CommandServices Default { get; } = new(
        Environment.GetEnvironmentVariable,
        url => new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(15) },
        TimeProvider.System);
}
