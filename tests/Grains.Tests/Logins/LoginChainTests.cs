using Actors.Domain.Logins;
using Actors.Grains.Interfaces.Logins;
using Actors.Grains.Logins;

namespace Actors.Grains.Tests.Logins;

/// <summary>
/// A login chain whose grain lost its state write after the log's table took the record (the silo died between the two):
/// the next activation continues from the table's head, so the chain never forks and still verifies.
/// </summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class LoginChainTests(SharedGrainCluster cluster)
{
    private readonly TestKeys _keys = TestKeys.Next();

    [Fact]
    public async Task A_record_whose_state_write_failed_is_in_the_log_and_the_next_activation_chains_after_it()
    {
        var chain = _keys.Wallet(1);
        var log = cluster.Grains.GetGrain<ILoginLogGrain>(chain);
        await log.RecordSignIn(Refused("bad_signature"));
        var failed = cluster.Storage.FailWriteOf(chain, 1, "the silo died after the log's table committed");

        await Assert.ThrowsAnyAsync<Exception>(() => log.RecordSignIn(Refused("stale_nonce")));
        await failed;
        cluster.Storage.BeforeWrite = null;
        await cluster.Host.DeactivateAsync(log);
        var third = await log.RecordSignIn(Refused("wrong_domain"));
        var export = await LoginProofs.ExportAsync(cluster.LoginStore, chain);
        var page = await log.GetRecords(1, 10);

        Assert.Equal(3, third.Sequence);
        Assert.Equal(["bad_signature", "stale_nonce", "wrong_domain"], export.Records.Select(r => r.Outcome));
        Assert.True(LoginVerifier.Verify(export).Valid, string.Join("; ", LoginVerifier.Verify(export).Findings));
        Assert.Equal(3, page.HeadSequence);
        Assert.Equal(export.Records[^1].Hash, page.HeadHash.ToString());
    }

    private static SignInAttempt Refused(string code) => new(code, LoginOutcomes.Siwe, null, 0, null, null, "DE");
}
