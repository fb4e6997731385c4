using System.Globalization;
using System.Net;
using Actors.Client.Cluster;
using Actors.Client.Tests.Cluster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Actors.Client.Tests;

public sealed class ClusterCommandsTests
{
    [Fact]
    public async Task Cluster_silos_prints_each_silo_of_a_running_host()
    {
        // Keyed on a public Silo type: both executables have a Program class.
        await using var factory = new WebApplicationFactory<Actors.Silo.HttpOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Storage:Provider", "memory");
            b.UseSetting("Silo:Zone", "zone-q");
            b.UseSetting("Silo:Port", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        });
        using var client = factory.CreateClient();
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await ClusterCommands.ListSilosAsync(client, output, errors, CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ADDRESS", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("zone-q", lines[1], StringComparison.Ordinal);
        Assert.Contains("Active", lines[1], StringComparison.Ordinal);
        Assert.Empty(errors.ToString());
    }

    [Fact]
    public async Task Cluster_silos_exits_1_with_a_message_when_no_silo_answers()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePorts.Next()}/") };
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await ClusterCommands.ListSilosAsync(client, output, errors, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("cannot list silos", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task Cluster_silos_with_http_asks_the_silo_at_that_url()
    {
        using var handler = new RecordingHandler { Answer = _ => RecordingHandler.Json(HttpStatusCode.OK, "[]") };

        var result = await Cli.RunAsync(Cli.Over(handler), "cluster", "silos", "--http", "http://silo.test/base");

        Assert.Equal((0, ""), (result.Exit, result.Errors));
        Assert.Equal("http://silo.test/base/api/cluster/silos", Assert.Single(handler.Requests).Url.AbsoluteUri);
        Assert.StartsWith("ADDRESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://silo.test:8443", "https://silo.test:8443/api/cluster/silos")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080/api/cluster/silos")]
    [InlineData("HTTP://Silo.Test/a/b/", "http://silo.test/a/b/api/cluster/silos")]
    public async Task Cluster_silos_with_http_asks_below_any_http_base_url(string url, string asked)
    {
        using var handler = new RecordingHandler { Answer = _ => RecordingHandler.Json(HttpStatusCode.OK, "[]") };

        var result = await Cli.RunAsync(Cli.Over(handler), "cluster", "silos", "--http", url);

        Assert.Equal((0, ""), (result.Exit, result.Errors));
        Assert.Equal(asked, Assert.Single(handler.Requests).Url.AbsoluteUri);
    }

    [Fact]
    public async Task Cluster_silos_prints_a_dead_silo_whose_activation_count_is_unknown()
    {
        using var handler = new RecordingHandler
        {
            Answer = _ => RecordingHandler.Json(HttpStatusCode.OK, """
                [{"address":"10.0.0.1:11111","zone":"a","status":"Active","activationCount":12},
                 {"address":"10.0.0.2:11111","zone":"b","status":"Dead","activationCount":null}]
                """),
        };

        // Without --http: the silo of this machine, at the default URL.
        var result = await Cli.RunAsync(Cli.Over(handler), "cluster", "silos");

        Assert.Equal((0, ""), (result.Exit, result.Errors));
        Assert.Equal("http://127.0.0.1:8080/api/cluster/silos", Assert.Single(handler.Requests).Url.AbsoluteUri);
        var lines = result.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^10\.0\.0\.1:11111\s+a\s+Active\s+12$", lines[1]);
        Assert.Matches(@"^10\.0\.0\.2:11111\s+b\s+Dead\s+-$", lines[2]);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://silo.test/")]
    [InlineData("http://silo.test:99999/")]
    [InlineData("http://silo.test/base?region=a")]
    [InlineData("http://silo.test/base#top")]
    [InlineData("http://user:secret@silo.test/")]
    public async Task Cluster_silos_refuses_a_url_that_is_not_an_http_base_url_with_exit_2_and_sends_nothing(string url)
    {
        using var handler = new RecordingHandler();

        var result = await Cli.RunAsync(Cli.Over(handler), "cluster", "silos", "--http", url);

        Assert.Equal(2, result.Exit);
        Assert.StartsWith("--http: ", result.Errors, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        Assert.Empty(result.Output);
    }
}
