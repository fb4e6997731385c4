namespace Actors.Client.Cluster;

/// <summary>
/// What the cluster commands take from outside their arguments: environment variables, HTTP clients and the clock. The
/// program uses <see cref="Default"/>; tests pass their own.
/// </summary>
/// <param name="Variable">Reads an environment variable (null when unset).</param>
/// <param name="CreateHttpClient">Creates the HTTP client for a silo's REST API at a base URL (ending in '/'); the caller disposes it.</param>
/// <param name="Time">The clock: the cluster client's (call deadlines) and the default start of a pool created through it.</param>
internal sealed record CommandServices(Func<string, string?> Variable, Func<Uri, HttpClient> CreateHttpClient, TimeProvider Time)
{
    /// <summary>The process environment, a plain HTTP client with a 15-second timeout, and the system clock.</summary>
    public static CommandServices Default { get; } = new(
        Environment.GetEnvironmentVariable,
        url => new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(15) },
        TimeProvider.System);
}
