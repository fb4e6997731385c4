using Actors.Providers.Membership;
using Actors.Providers.Reminders;
using Actors.Providers.Tests.Membership.Stores;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Providers.Tests.Membership.Cluster;

/// <summary>
/// Two real Orleans silos, configured as a host configures them, form one cluster through the membership table and run a
/// reminder from the reminder table: the tables as Orleans itself drives them, on every database by a subclass per database.
/// </summary>
public abstract class TableClusterTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);

    private protected abstract Task<TestStore> CreateStoreAsync();

    [Fact]
    public async Task Two_silos_join_one_cluster_through_the_table_and_a_reminder_registered_through_it_fires()
    {
        await using var store = await CreateStoreAsync();
        var clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        var log = new TickLog();
        var hosts = new List<IHost>();
        try
        {
            hosts.Add(await TableSilo.StartAsync(store.StorageSettings, clusterId, log));
            hosts.Add(await TableSilo.StartAsync(store.StorageSettings, clusterId, log));
            var grains = hosts[0].Services.GetRequiredService<IGrainFactory>();
            var management = grains.GetGrain<IManagementGrain>(0);
            await Wait.UntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "both silos active", s_bound);

            var membership = new SqlMembershipTable(
                store.Open(), Options.Create(new ClusterOptions { ClusterId = clusterId }), NullLogger<SqlMembershipTable>.Instance);
            var rows = (await membership.ReadAll()).Members;
            Assert.Equal(2, rows.Count(r => r.Item1.Status == SiloStatus.Active));

            await grains.GetGrain<ITickerGrain>("t-1").StartTicking(TimeSpan.FromSeconds(1));
            await Wait.UntilAsync(() => log.Count("t-1", TickerGrain.ReminderName) >= 2, "two reminder ticks", s_bound);

            var reminders = new SqlReminderTable(store.Open(), NullLogger<SqlReminderTable>.Instance);
            var grainId = grains.GetGrain<ITickerGrain>("t-1").GetGrainId();
            Assert.NotNull(await reminders.ReadRow(grainId, TickerGrain.ReminderName));
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await host.StopAsync(stopping.Token);
                await ((IAsyncDisposable)host).DisposeAsync();
            }
        }
    }
}
