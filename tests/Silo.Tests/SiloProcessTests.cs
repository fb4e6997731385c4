using Actors.Testing;

namespace Actors.Silo.Tests;

public sealed class SiloProcessTests
{
    [Fact]
    public async Task A_real_silo_process_serves_and_stops_cleanly_on_sigterm()
    {
        var data = Directory.CreateTempSubdirectory("silo-process-");
        try
        {
            await using var silo = SiloProcess.Start(new Dictionary<string, string>
            {
                ["Storage:Provider"] = "sqlite",
                ["Storage:Path"] = data.FullName,
                ["Silo:Zone"] = "zone-a",
            });
            await silo.WaitReadyAsync();

            using var client = new HttpClient { BaseAddress = silo.HttpBase };
            var silos = await client.GetStringAsync(new Uri("api/cluster/silos", UriKind.Relative));
            Assert.Contains("\"zone\":\"zone-a\"", silos, StringComparison.Ordinal);

            var exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(0, exitCode);
            Assert.Contains("is ShuttingDown", silo.Output, StringComparison.Ordinal);
            Assert.Contains("is Dead", silo.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data.FullName, "actors.db")));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Http:Port", "abc")]
    [InlineData("Http:Port", "70000")]
    [InlineData("Http:Address", "not-an-address")]
    [InlineData("Gateway:SessionLifetime", "xyz")]
    [InlineData("Gateway:MaxBodyBytes", "lots")]
    [InlineData("Gateway:MaxBodyBytes", "-1")]
    [InlineData("Storage:Provider", "nope")]
    [InlineData("Silo:Zone", "zone a")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4318")]
    public async Task A_bad_setting_stops_the_silo_with_one_line_naming_it_and_exit_code_2(string key, string value)
    {
        var data = Directory.CreateTempSubdirectory("silo-setting-");
        try
        {
            await using var silo = SiloProcess.Start(new Dictionary<string, string>
            {
                ["Storage:Provider"] = "sqlite",
                ["Storage:Path"] = data.FullName,
                ["Gateway:OperatorKey"] = "setting-test-operator-key-0123456789abcdef",
                [key] = value,
            }, data.FullName);

            var exitCode = await silo.WaitExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 2, $"exit code {exitCode}:\n{silo.Output}");
            var lines = silo.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var line = Assert.Single(lines);
            Assert.Contains(key, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
