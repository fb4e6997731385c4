using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Tests.Cluster;

/// <summary><c>recovery submit|approve|show</c> through the cluster client against a real silo.</summary>
[Collection(ClusterSilo.Collection)]
public sealed class RecoveryCommandsTests(ClusterSilo cluster)
{
    private static readonly int[] GuardianKeys = [0x7061, 0x7062, 0x7063];
    private static readonly PrivateKey[] Guardians = [.. GuardianKeys.Select(Cli.Key)];

    [Fact]
    public async Task Submit_then_guardians_approve_with_a_given_signature_and_with_a_key_and_show_counts_both()
    {
        var wallet = Cli.Address(0x7001);
        await cluster.GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).SetGuardians("guardians-1", [.. Guardians.Select(g => g.Address)], 3);

        var submitted = await cluster.RunAsync("recovery", "submit", "cli-r1", "--wallet", wallet.ToString(), "--new-owner", Cli.Address(0x7002).ToString(), "--geo", "DE");
        var signature = PersonalSign.Sign(Guardians[0], submitted["signingMessage"]!).ToString();
        var first = await cluster.RunAsync("recovery", "approve", "cli-r1", "--guardian", Guardians[0].Address.ToString(), "--signature", signature);
        var second = await cluster.RunAsync("recovery", "approve", "cli-r1", "--key", Cli.KeyText(GuardianKeys[1]));
        var shown = await cluster.RunAsync("recovery", "show", "cli-r1");

        Assert.Equal("AwaitingApprovals", submitted["status"]);
        Assert.Equal("DE", submitted["geo"]);
        Assert.Equal(1, first.Json.GetProperty("approvals").GetArrayLength());
        Assert.Equal(
            [Guardians[0].Address.ToLowerHex(), Guardians[1].Address.ToLowerHex()],
            shown.Json.GetProperty("approvals").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(second.Output, shown.Output);
        Assert.Equal(2, (await cluster.GrainFactory.GetGrain<IRecoveryRequestGrain>("cli-r1").Get()).Approvals.Count);
        Assert.DoesNotContain(Cli.KeyText(GuardianKeys[1])[2..], second.Output + second.Errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_signature_from_someone_else_is_refused_and_a_missing_request_exits_1()
    {
        var wallet = Cli.Address(0x7011);
        await cluster.GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).SetGuardians("guardians-1", [.. Guardians.Select(g => g.Address)], 2);
        var submitted = await cluster.RunAsync("recovery", "submit", "cli-r2", "--wallet", wallet.ToString(), "--new-owner", Cli.Address(0x7012).ToString());
        var forged = PersonalSign.Sign(Cli.Key(0xbad), submitted["signingMessage"]!).ToString();

        var refused = await cluster.RunAsync("recovery", "approve", "cli-r2", "--guardian", Guardians[0].Address.ToString(), "--signature", forged);
        var missing = await cluster.RunAsync("recovery", "approve", "cli-no-such-request", "--key", Cli.KeyText(GuardianKeys[0]));

        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("refused (bad_signature): ", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("does not exist", missing.Errors, StringComparison.Ordinal);
        Assert.Empty((await cluster.GrainFactory.GetGrain<IRecoveryRequestGrain>("cli-r2").Get()).Approvals);
    }
}
