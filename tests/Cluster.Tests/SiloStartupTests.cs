using Actors.Testing.Security;
using Actors.Testing;

namespace Actors.Cluster.Tests;

/// <summary>A silo whose cluster settings are unsafe or unusable refuses to start, and says why, naming the key.</summary>
[Collection(ProcessTests.Name)]
public sealed class SiloStartupTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("silo-startup-");

    [Fact]
    public async Task A_silo_bound_to_a_non_loopback_address_without_a_certificate_refuses_to_start()
    {
        await using var silo = Start(new() { ["Silo:Address"] = "10.20.30.40" });

        Assert.Equal(2, await silo.WaitExitAsync());
        Assert.Contains("Silo:Tls:CertificatePath is required because Silo:Address 10.20.30.40 is not a loopback address", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_whose_certificate_password_is_wrong_refuses_to_start()
    {
        using var certificates = new TestCertificates();
        var authority = certificates.Authority("CA");
        var path = certificates.WritePfx("silo.pfx", certificates.Issue(authority, "silo", server: true), authority);
        await using var silo = Start(new() { ["Silo:Tls:CertificatePath"] = path, ["Silo:Tls:CertificatePassword"] = "wrong" });

        Assert.Equal(2, await silo.WaitExitAsync());
        Assert.Contains($"Silo:Tls:CertificatePath: The certificate file {path} cannot be read", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_with_a_client_only_certificate_refuses_to_start()
    {
        using var certificates = new TestCertificates();
        var authority = certificates.Authority("CA");
        var path = certificates.WritePfx("client.pfx", certificates.Issue(authority, "client", server: false), authority);
        await using var silo = Start(new() { ["Silo:Tls:CertificatePath"] = path, ["Silo:Tls:CertificatePassword"] = TestCertificates.Password });

        Assert.Equal(2, await silo.WaitExitAsync());
        Assert.Contains("must allow both server and client authentication", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unusable_cluster_settings_are_refused_together_each_naming_its_key()
    {
        await using var silo = Start(new() { ["Silo:Zone"] = "zone a", ["Silo:Membership:ProbeTimeout"] = "00:00:00", ["Silo:GatewayPort"] = "70000" });

        Assert.Equal(2, await silo.WaitExitAsync());
        Assert.Contains("Silo:Zone must be 1 to 64 letters", silo.Output, StringComparison.Ordinal);
        Assert.Contains("Silo:Membership:ProbeTimeout must be positive", silo.Output, StringComparison.Ordinal);
        Assert.Contains("Silo:GatewayPort must be a TCP port from 1 to 65535", silo.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private SiloProcess Start(Dictionary<string, string> settings)
    {
        settings["Storage:Provider"] = "sqlite";
        settings["Storage:Path"] = _data.FullName;
        settings["Gateway:OperatorKey"] = "startup-test-operator-key-0123456789abcdef";
        return SiloProcess.Start(settings, _data.FullName);
    }
}
