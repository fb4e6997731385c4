namespace Actors.Cluster.Tests;

/// <summary>
/// Tests that start Silo processes run one after another: on two cores, clusters started side by side would starve each other's
/// failure detection and blur the failover times the tests report.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTests
{
    public const string Name = "Silo processes";
}
