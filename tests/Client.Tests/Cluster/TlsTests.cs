using Actors.Client.Cluster;
using Actors.Testing.Security;

namespace Actors.Client.Tests.Cluster;

/// <summary>The cluster-client path to a gateway that requires mutual TLS: the CLI presents the certificate it is given.</summary>
public sealed class TlsTests(TlsSilo silo) : IClassFixture<TlsSilo>
{
    [Fact]
    public async Task With_a_certificate_of_the_clusters_ca_the_command_reaches_the_gateway()
    {
        var result = await RunAsync(Cli.Offline(), "counter", "add", "tls-visits", "--op", "tls-1", "--certificate", silo.ClientCertificate,
            "--certificate-password", TestCertificates.Password);

        Assert.Equal((0, "1", ""), (result.Exit, result.Output.Trim(), result.Errors));
    }

    [Fact]
    public async Task The_certificate_and_its_password_may_come_from_the_environment()
    {
        var variables = new Dictionary<string, string>
        {
            ["ACTORS_CLIENT_CERTIFICATE"] = silo.ClientCertificate,
            ["ACTORS_CLIENT_CERTIFICATE_PASSWORD"] = TestCertificates.Password,
        };
        var services = new CommandServices(
            name => variables.GetValueOrDefault(name), _ => throw new InvalidOperationException("no HTTP"), TimeProvider.System);

        var result = await RunAsync(services, "counter", "get", "tls-environment");

        Assert.Equal((0, "0", ""), (result.Exit, result.Output.Trim(), result.Errors));
    }

    [Fact]
    public async Task Without_a_certificate_or_with_one_of_another_ca_the_gateway_is_not_reached()
    {
        var without = await RunAsync(Cli.Offline(), "counter", "add", "tls-refused", "--op", "tls-2", "--timeout", "2");
        var stranger = await RunAsync(Cli.Offline(), "counter", "add", "tls-refused", "--op", "tls-3", "--timeout", "2", "--certificate",
            silo.StrangerCertificate, "--certificate-password", TestCertificates.Password);

        Assert.Equal((1, ""), (without.Exit, without.Output));
        Assert.Contains("did not answer", without.Errors, StringComparison.Ordinal);
        Assert.Equal((1, ""), (stranger.Exit, stranger.Output));
        Assert.Contains("did not answer", stranger.Errors, StringComparison.Ordinal);
        var read = await RunAsync(Cli.Offline(), "counter", "get", "tls-refused", "--certificate", silo.ClientCertificate,
            "--certificate-password", TestCertificates.Password);
        Assert.Equal("0", read.Output.Trim()); // neither refused attempt counted
    }

    private Task<CliResult> RunAsync(CommandServices services, params string[] args) =>
        Cli.RunAsync(services, [.. args, "--gateway", silo.Gateway, "--cluster-id", TlsSilo.ClusterId]);
}
