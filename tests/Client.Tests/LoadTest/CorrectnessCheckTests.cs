using Actors.Client.LoadTest;

namespace Actors.Client.Tests.LoadTest;

public sealed class CorrectnessCheckTests
{
    [Fact]
    public void Run_FiguresAgree_EveryCheckPasses()
    {
        var ledger = new PoolLedger(1);
        ledger.Staked(0, 300);
        ledger.Unstaked(0, 100);

        var results = CorrectnessCheck.Run([Pool(totalShares: 200, emitted: 50, claimed: 20, pending: 29, dust: 1)], ledger, serverErrors: 0);

        Assert.All(results, r => Assert.True(r.Passed, r.Detail));
        Assert.Equal(["stakes:p0", "conservation:p0", "no-5xx"], results.Select(r => r.Name));
    }

    [Fact]
    public void Run_PoolReportsAnotherStake_StakeCheckFailsNamingBoth()
    {
        var ledger = new PoolLedger(1);
        ledger.Staked(0, 300);

        var results = CorrectnessCheck.Run([Pool(totalShares: 299, emitted: 0, claimed: 0, pending: 0, dust: 0)], ledger, serverErrors: 0);

        var failed = Assert.Single(results, r => !r.Passed);
        Assert.Equal("stakes:p0", failed.Name);
        Assert.Contains("pool reports 299 staked", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("give 300", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnansweredStakes_BoundTheReport()
    {
        var ledger = new PoolLedger(1);
        ledger.Staked(0, 300);
        ledger.UncertainStake(0, 50);
        ledger.UncertainUnstake(0, 10);

        Assert.True(CorrectnessCheck.Run([Pool(290, 0, 0, 0, 0)], ledger, 0)[0].Passed);
        Assert.True(CorrectnessCheck.Run([Pool(350, 0, 0, 0, 0)], ledger, 0)[0].Passed);
        Assert.False(CorrectnessCheck.Run([Pool(289, 0, 0, 0, 0)], ledger, 0)[0].Passed);
        Assert.False(CorrectnessCheck.Run([Pool(351, 0, 0, 0, 0)], ledger, 0)[0].Passed);
    }

    [Fact]
    public void Run_MoneyNotConserved_ConservationFails()
    {
        var results = CorrectnessCheck.Run([Pool(0, emitted: 50, claimed: 20, pending: 30, dust: 1)], new PoolLedger(1), 0);

        var failed = Assert.Single(results, r => !r.Passed);
        Assert.Equal("conservation:p0", failed.Name);
        Assert.Contains("= 51", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ServerErrorsOrAnUnreadPool_Fail()
    {
        var unread = PoolFigures.Read("p0", new Answer(503, "unavailable", null));

        var results = CorrectnessCheck.Run([unread], new PoolLedger(1), serverErrors: 2);

        Assert.False(results.Single(r => r.Name == "stakes:p0").Passed);
        Assert.Contains("503", results[0].Detail, StringComparison.Ordinal);
        Assert.False(results.Single(r => r.Name == "no-5xx").Passed);
    }

    private static PoolFigures Pool(long totalShares, long emitted, long claimed, long pending, long dust) =>
        new("p0", totalShares, emitted, claimed, pending, dust, null);
}
