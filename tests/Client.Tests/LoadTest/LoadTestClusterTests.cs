using System.Text.Json;
using Actors.Client.Tests.Cluster;

namespace Actors.Client.Tests.LoadTest;

/// <summary>The loadtest command through the cluster client (<c>--gateway</c>) against a real silo.</summary>
[Collection(ClusterSilo.Collection)]
public sealed class LoadTestClusterTests(ClusterSilo cluster) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadtest-cluster-").FullName;

    [Fact]
    public async Task Loadtest_ThroughTheGateway_ChecksPass_ReportSaysNoMetrics()
    {
        var result = await cluster.RunAsync(
            "loadtest", "--wallets", "50", "--duration", "3", "--concurrency", "4", "--mix", "deposit=10,stake=40,claim=15,unstake=15,nft=10,read=10",
            "--report", _folder);

        Assert.True(result.Exit == 0, $"exit {result.Exit}\n{result.Output}\n{result.Errors}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")));
        var root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, root.GetProperty("serverErrors").GetInt64());
        Assert.False(root.TryGetProperty("kinds", out var kinds) && kinds.TryGetProperty("signin", out _));
        Assert.True(root.GetProperty("kinds").GetProperty("stake").GetProperty("operations").GetInt64() > 0);
        Assert.Equal(4 * 2 + 1, root.GetProperty("checks").GetArrayLength());
        Assert.False(root.GetProperty("server").GetProperty("available").GetBoolean());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
