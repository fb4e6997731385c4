using System.Runtime.Versioning;
using Actors.Client.Tests.Cluster;
using Actors.Domain.Ethereum;

namespace Actors.Client.Tests.Keys;

/// <summary><c>key new</c> and <c>key address</c>: fresh keys, key files with owner-only permissions, and keys never echoed.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actors-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Key_new_prints_a_fresh_key_and_the_address_it_controls()
    {
        var first = await Cli.RunAsync(Cli.Offline(), "key", "new");
        var second = await Cli.RunAsync(Cli.Offline(), "key", "new");

        var key = PrivateKey.Parse(first["privateKey"]!);
        Assert.Equal(key.Address, EthereumAddress.Parse(first["address"]!));
        Assert.Equal(key.Address.ToString(), first["address"]); // EIP-55 form
        Assert.NotEqual(first["privateKey"], second["privateKey"]);
        Assert.Empty(first.Errors + second.Errors);
    }

    [Fact]
    public async Task Key_new_out_writes_an_owner_only_file_prints_only_the_address_and_never_overwrites()
    {
        var path = Path.Combine(_folder, "alice.key");
        var made = await Cli.RunAsync(Cli.Offline(), "key", "new", "--out", path);
        var written = await File.ReadAllTextAsync(path);
        var again = await Cli.RunAsync(Cli.Offline(), "key", "new", "--out", path);

        var key = PrivateKey.Parse(written.Trim());
        Assert.Equal(key.Address.ToString(), made["address"]);
        Assert.Equal(path, made["keyFile"]);
        Assert.DoesNotContain(written.Trim()[2..], made.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(1, again.Exit);
        Assert.Contains("exists already", again.Errors, StringComparison.Ordinal);
        Assert.Empty(again.Output);
        Assert.Equal(written, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Key_address_reads_a_key_file_and_a_bad_or_missing_file_exits_2_without_echoing_it()
    {
        var path = Path.Combine(_folder, "k.key");
        await File.WriteAllTextAsync(path, Cli.KeyText(7) + "\n");
        var garbage = Path.Combine(_folder, "garbage.key");
        await File.WriteAllTextAsync(garbage, "0xsecretsecretsecret");

        var read = await Cli.RunAsync(Cli.Offline(), "key", "address", "--key-file", path);
        var bad = await Cli.RunAsync(Cli.Offline(), "key", "address", "--key-file", garbage);
        var missing = await Cli.RunAsync(Cli.Offline(), "key", "address", "--key-file", Path.Combine(_folder, "none.key"));
        var both = await Cli.RunAsync(Cli.Offline(), "key", "address", "--key-file", path, "--key", Cli.KeyText(7));
        var neither = await Cli.RunAsync(Cli.Offline(), "key", "address");

        Assert.Equal(Cli.Key(7).Address.ToString(), read["address"]);
        Assert.Equal(2, bad.Exit);
        Assert.StartsWith("--key-file: ", bad.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("secretsecret", bad.Errors, StringComparison.Ordinal);
        Assert.Equal(2, missing.Exit);
        Assert.StartsWith("--key-file: cannot read ", missing.Errors, StringComparison.Ordinal);
        Assert.Equal(2, both.Exit);
        Assert.Contains("not both", both.Errors, StringComparison.Ordinal);
        Assert.Equal(2, neither.Exit);
        Assert.Empty(bad.Output + missing.Output + both.Output + neither.Output);
    }
}
