using Actors.Client.Cluster;
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
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Runtime.Testing.SiloProcess.FreePort()}/") };
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await ClusterCommands.ListSilosAsync(client, output, errors, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("cannot list silos", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}
