using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// A call through the cluster client that fails for a cluster fault (its silo died, its gateway went away, no answer in time)
/// is made again with the same operation id until it answers or the command's deadline passes; what the call's rules refuse is
/// not repeated. Against a fake cluster that fails calls as a dying silo does.
/// </summary>
public sealed class RetryTests
{
    private static readonly string Wallet = Cli.Address(0xa001).ToString();

    [Fact]
    public async Task A_stake_whose_silo_died_is_made_again_with_the_same_operation_id_and_printed_once()
    {
        var cluster = new FakeCluster
        {
            Answer = (call, before) => before == 0
                ? throw new TimeoutException("Response did not arrive on time in 00:00:05 for message: Request ...")
                : new PositionView("p1", 1000, 1000, 0, 0, 0),
        };

        var result = await Cli.RunAsync(cluster.Services, "wallet", "stake", Wallet, "--pool", "p1", "--amount", "1000");

        Assert.Equal("1000", result["staked"]);
        Assert.Empty(result.Errors);
        Assert.Equal(2, cluster.Calls.Count);
        Assert.All(cluster.Calls, c => Assert.Equal((typeof(IWalletGrain), nameof(IWalletGrain.Stake)), (c.Grain, c.Method)));
        var operationId = Assert.IsType<string>(cluster.Calls[0].Arguments[0]);
        Assert.Matches("^[0-9a-f]{32}$", operationId); // a new id, made once for the command
        Assert.Equal(operationId, cluster.Calls[1].Arguments[0]);
        Assert.Equal(cluster.Calls[0].Arguments[1..], cluster.Calls[1].Arguments[1..]);
    }

    [Fact]
    public async Task Counter_add_keeps_its_operation_id_across_every_kind_of_cluster_fault()
    {
        Exception[] faults =
        [
            new SiloUnavailableException("The target silo became unavailable for message: Request ..."),
            new TimeoutException("Response did not arrive on time in 00:00:05"),
            new ConnectionFailedException("Unable to connect to 127.0.0.1:30000"),
            new GatewayTooBusyException(),
        ];
        var cluster = new FakeCluster { Answer = (_, before) => before < faults.Length ? throw faults[before] : 7L };

        var result = await Cli.RunAsync(cluster.Services, "counter", "add", "visits", "--delta", "2");

        Assert.Equal((0, "7", ""), (result.Exit, result.Output.Trim(), result.Errors));
        Assert.Equal(faults.Length + 1, cluster.Calls.Count);
        Assert.Single(cluster.Calls.Select(c => (string)c.Arguments[0]!).Distinct());
        Assert.All(cluster.Calls, c => Assert.Equal(("visits", nameof(ICounterGrain.Add), 2L), (c.Key, c.Method, c.Arguments[1])));
    }

    [Fact]
    public async Task A_given_operation_id_is_the_one_every_attempt_carries()
    {
        var cluster = new FakeCluster
        {
            Answer = (_, before) => before == 0 ? throw new SiloUnavailableException() : new PositionView("p1", 5, 5, 0, 0, 0),
        };

        var result = await Cli.RunAsync(
            cluster.Services, "wallet", "unstake", Wallet, "--pool", "p1", "--amount", "5", "--op", "unstake-7");

        Assert.Equal("5", result["staked"]);
        Assert.Equal(["unstake-7", "unstake-7"], cluster.Calls.Select(c => c.Arguments[0]));
    }

    [Fact]
    public async Task Connecting_is_tried_again_until_a_gateway_answers_and_every_client_started_is_disposed()
    {
        var cluster = new FakeCluster
        {
            Connect = attempt => attempt < 3 ? new ConnectionFailedException("Unable to connect to any of the 1 available gateways.")
                : null,
            Answer = (_, _) => 4L,
        };

        var result = await Cli.RunAsync(cluster.Services, "counter", "get", "visits");

        Assert.Equal((0, "4"), (result.Exit, result.Output.Trim()));
        Assert.Equal((3, 1), cluster.Connections); // the two that failed never started
        Assert.Single(cluster.Calls);
    }

    [Fact]
    public async Task A_refusal_is_not_repeated_and_exits_1_with_its_code()
    {
        var cluster = new FakeCluster { Answer = (_, _) => throw new RequestRejectedException(WalletErrors.Frozen, "Wallet is frozen.") };

        var result = await Cli.RunAsync(cluster.Services, "wallet", "claim", Wallet, "--pool", "p1");

        Assert.Equal((1, ""), (result.Exit, result.Output));
        Assert.Equal($"refused ({WalletErrors.Frozen}): Wallet is frozen.", result.Errors.Trim());
        Assert.Single(cluster.Calls);
    }

    [Fact]
    public async Task An_approval_repeated_after_its_answer_was_lost_finds_it_counted_and_prints_the_request()
    {
        var guardian = Cli.Key(0xa061);
        var cluster = new FakeCluster
        {
            Answer = (call, before) => (call.Method, before) switch
            {
                (nameof(IRecoveryRequestGrain.Approve), 0) => throw new SiloUnavailableException(),
                (nameof(IRecoveryRequestGrain.Approve), _) =>
                    throw new RequestRejectedException(RecoveryErrors.DuplicateApproval, "already approved"),
                _ => Recovery("r-lost", guardian.Address),
            },
        };

        var result = await Cli.RunAsync(cluster.Services, "recovery", "approve", "r-lost", "--guardian", guardian.Address.ToString(),
            "--signature", PersonalSign.Sign(guardian, "approve").ToString());

        Assert.Equal(guardian.Address.ToLowerHex(), Assert.Single(result.Json.GetProperty("approvals").EnumerateArray()).GetString());
        Assert.Equal([nameof(IRecoveryRequestGrain.Approve), nameof(IRecoveryRequestGrain.Approve), nameof(IRecoveryRequestGrain.Get)],
            cluster.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task A_duplicate_approval_on_the_first_attempt_is_still_refused()
    {
        var guardian = Cli.Key(0xa062);
        var cluster = new FakeCluster
        {
            Answer = (_, _) => throw new RequestRejectedException(RecoveryErrors.DuplicateApproval, "already approved"),
        };

        var result = await Cli.RunAsync(cluster.Services, "recovery", "approve", "r-twice", "--guardian", guardian.Address.ToString(),
            "--signature", PersonalSign.Sign(guardian, "approve").ToString());

        Assert.Equal((1, $"refused ({RecoveryErrors.DuplicateApproval}): already approved"), (result.Exit, result.Errors.Trim()));
        Assert.Single(cluster.Calls);
    }

    [Fact]
    public async Task A_fault_that_lasts_past_the_deadline_exits_1_naming_the_last_fault()
    {
        var cluster = new FakeCluster { Answer = (_, _) => throw new SiloUnavailableException("the silo is gone") };

        var result = await Cli.RunAsync(cluster.Services, "counter", "get", "visits", "--timeout", "1");

        Assert.Equal((1, ""), (result.Exit, result.Output));
        Assert.StartsWith("cluster 'dev' did not answer: no answer within 1 s", result.Errors, StringComparison.Ordinal);
        Assert.Contains("the silo is gone", result.Errors, StringComparison.Ordinal);
        Assert.True(cluster.Calls.Count >= 2, $"{cluster.Calls.Count} call(s)");
        Assert.Equal((1, 1), cluster.Connections);
    }

    [Theory]
    [InlineData("--timeout", "0")]
    [InlineData("--response-timeout", "-1")]
    [InlineData("--cluster-id", "no spaces")]
    [InlineData("--certificate", "/no/such/file.pfx")]
    [InlineData("--certificate-password", "secret")]
    public async Task Malformed_client_options_exit_2_naming_the_option_and_connect_nowhere(string option, string value)
    {
        var cluster = new FakeCluster();

        var result = await Cli.RunAsync(cluster.Services, "counter", "get", "visits", option, value);

        Assert.Equal(2, result.Exit);
        Assert.Contains(option, result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Errors, StringComparison.Ordinal);
        Assert.Equal((0, 0), cluster.Connections);
    }

    [Fact]
    public async Task A_certificate_that_is_no_pkcs12_file_exits_2_and_connects_nowhere()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-certificate-{Guid.NewGuid():N}.pfx");
        await File.WriteAllTextAsync(path, "not a certificate");
        try
        {
            var cluster = new FakeCluster();

            var result = await Cli.RunAsync(
                cluster.Services, "counter", "get", "visits", "--certificate", path, "--certificate-password", "pw");

            Assert.Equal(2, result.Exit);
            Assert.StartsWith("--certificate: ", result.Errors, StringComparison.Ordinal);
            Assert.Contains("cannot be read", result.Errors, StringComparison.Ordinal);
            Assert.Equal((0, 0), cluster.Connections);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static RecoveryView Recovery(string id, params EthereumAddress[] approvals) => new(
        id, true, Cli.Address(0xa070), Cli.Address(0xa071), RecoveryStatus.AwaitingApprovals, null, 0, [], 0, 2, approvals, [], null,
        "Approve the recovery of a wallet", "", [], null, null, [], [], null);
}
