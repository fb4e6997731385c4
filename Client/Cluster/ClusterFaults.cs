using System.Net.Sockets;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Actors.Client.Cluster;

/// <summary>
/// Which failures are the cluster's rather than the call's: a silo or gateway gone or unreachable, a message refused on the
/// way, or no answer in time. A call that failed so may or may not have run; the same call again, with the same operation id,
/// has one effect, so the client repeats it.
/// </summary>
internal static class ClusterFaults
{
    /// <summary>The first pause before a repeat; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest pause between two attempts.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Whether <paramref name="error"/> is a fault of the cluster or of the way to it, worth another attempt.</summary>
    public static bool IsFault(Exception error) => error is SiloUnavailableException or OrleansMessageRejectionException
        or ConnectionFailedException or GatewayTooBusyException or TimeoutException or SocketException;

    /// <summary>The pause after <paramref name="attempt"/> failed attempts.</summary>
    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Clamp(attempt - 1, 0, 10)));
}
