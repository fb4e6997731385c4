using System.Runtime.Versioning;
using Actors.Client.Cluster;
using Actors.Client.Tests.Cluster;
using Actors.Domain.Ethereum;
using Actors.Testing;

namespace Actors.Client.Tests.Journey;

/// <summary>
/// The README's journey, run as written through the CLI alone (bash, <c>actors</c>, jq) against a real Silo process on free
/// ports in a folder of its own (SQLite, a generated operator key in data/operator-key), then its figures read back through
/// the CLI.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReadmeJourneyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actors-journey-").FullName;
    private SiloProcess? _silo;

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string>(), _folder);
        await _silo.WaitReadyAsync(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_readme_journey_runs_as_written_and_leaves_the_balances_owners_and_recovery_it_describes()
    {
        var (exit, output, errors) = await ReadmeJourney.RunAsync(ReadmeJourney.Block(), _folder, _silo!.HttpBase, TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, $"The journey failed with exit {exit}:\n{errors}\n--- stdout ---\n{output}\n--- silo ---\n{_silo.Output}");
        Assert.Matches(@"(?m)^valid: [1-9][0-9]* records, [0-9]+ included in batches", output); // Alice's sign-ins, batched or not yet

        var (alice, bob, carol, dave) = (Address("alice"), Address("bob"), Address("carol"), Address("dave"));
        var wallet = (await RunAsync("wallet", "show", alice.ToString())).Json;
        var balances = wallet.GetProperty("balances");
        Assert.Equal("300", balances.GetProperty("STAKE").GetString());
        var position = Assert.Single(wallet.GetProperty("positions").EnumerateArray());
        Assert.Equal("p1", position.GetProperty("poolId").GetString());
        Assert.Equal("600", position.GetProperty("staked").GetString());

        // What the claim paid is the pool's claimed total (Alice is its only staker) and her REWARD balance.
        var pool = (await RunAsync("pool", "show", "p1")).Json;
        var claimed = pool.GetProperty("claimed").GetString();
        Assert.Equal(claimed, balances.TryGetProperty("REWARD", out var reward) ? reward.GetString() : "0");

        var token = await RunAsync("nft", "show", "art", "1");
        Assert.Equal(bob, EthereumAddress.Parse(token["owner"]!));
        var holdings = await RunAsync("wallet", "holdings", alice.ToString(), "--collection", "art");
        Assert.Equal("500", holdings["claimedDividends"]);
        Assert.Empty(holdings.Json.GetProperty("tokens").EnumerateArray());

        var recovery = (await RunAsync("recovery", "show", "r1")).Json;
        Assert.Equal("Timelocked", recovery.GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal(
            new[] { carol, dave }.Select(a => a.ToLowerHex()).Order(StringComparer.Ordinal),
            recovery.GetProperty("approvals").EnumerateArray().Select(a => EthereumAddress.Parse(a.GetString()!).ToLowerHex()).Order(StringComparer.Ordinal));

        // The key files are the owner's alone, and no key reached the output.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "alice.key")));
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(_folder, "alice.key")).Trim()[2..], output + errors, StringComparison.OrdinalIgnoreCase);
    }

    private EthereumAddress Address(string name) =>
        PrivateKey.Parse(File.ReadAllText(Path.Combine(_folder, $"{name}.key")).Trim()).Address;

    private Task<CliResult> RunAsync(params string[] args)
    {
        var services = new CommandServices(_ => null, url => new HttpClient { BaseAddress = url }, TimeProvider.System);
        return Cli.RunAsync(services, [.. args, "--http", _silo!.HttpBase.ToString()]);
    }
}
