namespace Actors.Grains.Tests;

/// <summary>
/// The tests that start clusters of their own and kill silos. They run alone, after the others: their silos' failure
/// detection runs on real time and must not be starved by other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "failover";
}
