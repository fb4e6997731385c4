using Actors.Runtime;
using Actors.Runtime.Client;

namespace Actors.Client.Cluster;

/// <summary>
/// Runs calls through the cluster client: connects to a gateway, makes the calls, and prints the result. Exit codes: 0 done,
/// 1 the cluster could not be reached, refused the call or failed it (the reason on stderr), 2 malformed client options.
/// </summary>
internal static class ClusterCall
{
    /// <summary>Connects, runs <paramref name="call"/>, and prints its result alone on stdout as indented camelCase JSON.</summary>
    public static Task<int> RunAsync<T>(
        ClusterClientOptions options, TextWriter output, TextWriter errors, Func<IGrainFactory, Task<T>> call, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(call);
        return WithClientAsync(options, errors, cancellationToken, async client => await output.WriteLineAsync(CommandJson.Format(await call(client))), time);
    }

    /// <summary>
    /// Connects, runs <paramref name="work"/>, and turns what the cluster throws into an exit code and a message. The client's
    /// clock (<paramref name="time"/>, the system's by default) stamps call deadlines, which silos check against theirs.
    /// </summary>
    public static async Task<int> WithClientAsync(
        ClusterClientOptions options, TextWriter errors, CancellationToken cancellationToken, Func<ClusterClient, Task> work, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(work);
        if (options.Validate() is { } problem)
        {
            await errors.WriteLineAsync(problem);
            return 2;
        }

        try
        {
            await using var client = await ClusterClient.ConnectAsync(options, time, cancellationToken: cancellationToken);
            await work(client);
            return 0;
        }
        catch (Exception error) when (error is SiloUnavailableException or TimeoutException)
        {
            await errors.WriteLineAsync($"cluster '{options.ClusterId}' did not answer: {error.Message}");
            return 1;
        }
        catch (RequestRejectedException error)
        {
            await errors.WriteLineAsync($"refused ({error.Code}): {error.Message}");
            return 1;
        }
        catch (KeyNotFoundException error)
        {
            await errors.WriteLineAsync($"not found: {error.Message}");
            return 1;
        }
        catch (Exception error) when (error is GrainRuntimeException or ArgumentException or InvalidOperationException or FormatException
            or OverflowException or NotSupportedException or UnauthorizedAccessException)
        {
            // The inputs were checked before the call, so a grain's ArgumentException is the cluster refusing, not bad input.
            await errors.WriteLineAsync($"the call failed: {error.Message}");
            return 1;
        }
    }
}
