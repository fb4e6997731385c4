using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;

namespace Actors.Client.Tests.Cluster;

/// <summary><c>pool create|fund|show</c> through the cluster client against a real silo.</summary>
[Collection(ClusterSilo.Collection)]
public sealed class PoolCommandsTests(ClusterSilo cluster)
{
    [Fact]
    public async Task Create_fund_and_show_a_pool_and_a_repeated_operation_id_funds_once()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var created = await cluster.RunAsync("pool", "create", "cli-pool", "--rate", "5");
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var funded = await cluster.RunAsync("pool", "fund", "cli-pool", "--amount", "1000", "--op", "fund-1");
        var repeated = await cluster.RunAsync("pool", "fund", "cli-pool", "--amount", "1000", "--op", "fund-1");
        var shown = await Cli.RunAsync(Cli.Offline(), "pool", "show", "--gateway", cluster.Gateway, "--cluster-id", "cli", "cli-pool"); // one value per --gateway

        Assert.Equal("cli-pool", created["poolId"]);
        Assert.Equal("5", created["ratePerSecond"]);
        Assert.InRange(created.Json.GetProperty("startTime").GetInt64(), before, after); // now, by the client's clock
        Assert.Equal("1000", funded["budget"]);
        Assert.Equal(funded.Output, repeated.Output);
        Assert.Equal("1000", shown["budget"]);
        Assert.Equal((UInt256)1000, (await cluster.GrainFactory.GetGrain<IRewardPoolGrain>("cli-pool").GetInfo()).Budget);
        Assert.Empty(created.Errors + funded.Errors + shown.Errors);
    }

    [Fact]
    public async Task Creating_again_keeps_the_terms_and_other_terms_or_a_missing_pool_exit_1()
    {
        // Created again an hour later by the command's clock: the missing times are the pool's, not "now".
        var first = await cluster.RunAsync("pool", "create", "cli-terms", "--rate", "7");
        var again = await cluster.RunAsync(new ShiftedClock(TimeSpan.FromHours(1)), "pool", "create", "cli-terms", "--rate", "7");
        var other = await cluster.RunAsync("pool", "create", "cli-terms", "--rate", "8");
        var missing = await cluster.RunAsync("pool", "show", "cli-no-such-pool");

        Assert.Equal(first["startTime"], again["startTime"]);
        Assert.Equal(1, other.Exit);
        Assert.Contains("refused (pool_exists)", other.Errors, StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("Pool 'cli-no-such-pool' does not exist", missing.Errors, StringComparison.Ordinal);
        Assert.Empty(other.Output + missing.Output);
    }
}
