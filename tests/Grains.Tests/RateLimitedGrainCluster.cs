using Actors.Grains.Wallets;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests;

/// <summary>A one-silo cluster on fake time whose wallets allow <see cref="PerMinute"/> sensitive operations a minute.</summary>
public sealed class RateLimitedGrainCluster() : GrainCluster(new GrainClusterSettings
{
    Services = s => s.Configure<WalletOptions>(o => o.SensitiveOperationsPerMinute = PerMinute),
})
{
    /// <summary>The collection of the tests that share it.</summary>
    public const string Collection = "rate-limited grain cluster";

    /// <summary>The wallets' limit.</summary>
    public const int PerMinute = 3;
}

/// <summary>The tests on <see cref="RateLimitedGrainCluster"/>.</summary>
[CollectionDefinition(RateLimitedGrainCluster.Collection)]
public sealed class RateLimitedGrainClusterCollection : ICollectionFixture<RateLimitedGrainCluster>
{
}
