using System.Globalization;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Security;

namespace Actors.Client.Cluster;

/// <summary>
/// Runs calls through the cluster client: connects to a gateway, makes the calls, and prints the result. Connecting and the
/// call are each tried again after a cluster fault (<see cref="ClusterFaults"/>: a silo died, a gateway went away, no answer
/// within the response timeout), the call with the same arguments and so the same operation id, until they succeed or the
/// command's deadline (<c>--timeout</c>) passes; the grains count an operation id once, so the command has one effect. Exit codes: 0 done,
/// 1 the cluster could not be reached, refused the call or failed it (the reason on stderr), 2 malformed client options.
/// </summary>
internal static class ClusterCall
{
    /// <summary>Connects, runs <paramref name="call"/>, and prints its result alone on stdout as indented camelCase JSON.</summary>
    public static Task<int> RunAsync<T>(
        ClusterClientOptions options, CommandServices services, TextWriter output, TextWriter errors, Func<IGrainFactory, Task<T>> call,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return RunAsync(options, services, errors, call, result => output.WriteLineAsync(CommandJson.Format(result)), cancellationToken);
    }

    /// <summary>
    /// Connects, runs <paramref name="call"/> (again after each cluster fault, until the deadline), hands its result to
    /// <paramref name="print"/> once, and turns what the cluster throws into an exit code and a message.
    /// </summary>
    public static async Task<int> RunAsync<T>(
        ClusterClientOptions options, CommandServices services, TextWriter errors, Func<IGrainFactory, Task<T>> call, Func<T, Task> print,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(print);
        ClusterCertificate? certificate = null;
        var problem = options.Validate()
            ?? (options.TryLoadCertificate(services.Time, out certificate, out var unreadable) ? null : unreadable);
        if (problem is not null)
        {
            await errors.WriteLineAsync(problem);
            return 2;
        }

        using var owned = certificate;
        using var deadline = new CancellationTokenSource(options.Timeout, services.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            T result;
            var connection = await RetryAsync(
                ct => services.ConnectCluster(options, certificate, ct), options, services.Time, linked.Token, cancellationToken);
            await using (connection)
            {
                result = await RetryAsync(
                    ct => call(connection.Grains).WaitAsync(ct), options, services.Time, linked.Token, cancellationToken);
            }

            await print(result);
            return 0;
        }
        catch (Exception error) when (ClusterFaults.IsFault(error))
        {
            await errors.WriteLineAsync($"cluster '{options.ClusterId}' did not answer: {error.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"cluster '{options.ClusterId}' did not answer: {NoAnswer(options, 0, null)}");
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
        catch (Exception error) when (error is OrleansException or ArgumentException or InvalidOperationException or FormatException
            or OverflowException or NotSupportedException or UnauthorizedAccessException)
        {
            // The inputs were checked before the call, so a grain's ArgumentException is the cluster refusing, not bad input.
            await errors.WriteLineAsync($"the call failed: {error.Message}");
            return 1;
        }
    }

    // One attempt after another while the failures are cluster faults; the last fault is told once the deadline passes.
    private static async Task<T> RetryAsync<T>(
        Func<CancellationToken, Task<T>> attempt, ClusterClientOptions options, TimeProvider time, CancellationToken deadline,
        CancellationToken cancellationToken)
    {
        Exception? fault = null;
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                return await attempt(deadline);
            }
            catch (Exception error) when (ClusterFaults.IsFault(error))
            {
                fault = error;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && fault is not null)
            {
                throw new TimeoutException(NoAnswer(options, attempts, fault), fault);
            }

            try
            {
                await Task.Delay(ClusterFaults.RetryDelay(attempts), time, deadline);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(NoAnswer(options, attempts, fault), fault);
            }
        }
    }

    private static string NoAnswer(ClusterClientOptions options, int attempts, Exception? last)
    {
        var tries = attempts > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {attempts} attempt(s)") : "";
        var fault = last is null ? "" : $"; the last failed: {last.Message}";
        return string.Create(CultureInfo.InvariantCulture, $"no answer within {options.Timeout.TotalSeconds} s{tries}{fault}");
    }
}
