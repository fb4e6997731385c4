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
}
