namespace Actors.Grains.Tests;

/// <summary>
/// The one-silo cluster most grain tests share, on fake time with the grains' default options. Its tests run one after
/// another and keep apart by their keys (<see cref="TestKeys"/>); the clock only moves forward, so they read it rather
/// than assume a start.
/// </summary>
public sealed class SharedGrainCluster() : GrainCluster(new GrainClusterSettings())
{
    /// <summary>The collection of the tests that share it.</summary>
    public const string Collection = "shared grain cluster";
}

/// <summary>The tests on <see cref="SharedGrainCluster"/>.</summary>
[CollectionDefinition(SharedGrainCluster.Collection)]
public sealed class SharedGrainClusterCollection : ICollectionFixture<SharedGrainCluster>
{
}
