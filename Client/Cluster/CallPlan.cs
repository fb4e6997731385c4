namespace Actors.Client.Cluster;

/// <summary>A command whose inputs have been checked: how to carry it out through the cluster client, and over REST.</summary>
/// <typeparam name="T">What the grain call returns (printed as JSON).</typeparam>
/// <param name="Cluster">
/// The grain calls, given the cluster client's grain factory; made again after a cluster fault, so they must count once.
/// </param>
/// <param name="Http">The REST requests, given a connection to a silo's REST API; returns the exit code.</param>
internal sealed record CallPlan<T>(Func<IGrainFactory, Task<T>> Cluster, Func<HttpCall, CancellationToken, Task<int>> Http);
