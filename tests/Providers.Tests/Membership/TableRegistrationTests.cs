using Actors.Providers.Hosting;
using Actors.Providers.Membership;
using Actors.Providers.Tables;
using Actors.Providers.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Providers.Tests.Membership;

/// <summary>What <c>UseActorsMembership</c> and <c>UseActorsReminders</c> register for each <c>Storage:Provider</c>.</summary>
public sealed class TableRegistrationTests
{
    [Fact]
    public void On_sqlite_both_tables_are_registered_over_one_shared_database()
    {
        var services = Register(new() { ["Storage:Provider"] = "sqlite", ["Storage:Path"] = "./unused" });

        Assert.Contains(services, d => d.ServiceType == typeof(IMembershipTable) && d.ImplementationType == typeof(SqlMembershipTable));
        Assert.Contains(services, d => d.ServiceType == typeof(IReminderTable) && d.ImplementationType == typeof(SqlReminderTable));
        Assert.Single(services, d => d.ServiceType == typeof(TableDatabase));
        Assert.Contains(services, d => d.ServiceType == typeof(IReminderService));
    }

    [Fact]
    public void On_memory_membership_is_left_to_the_host_and_reminders_use_Orleans_in_memory_service()
    {
        var services = Register(new() { ["Storage:Provider"] = "Memory" });

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IMembershipTable));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TableDatabase));
        Assert.Contains(services, d => d.ServiceType == typeof(IReminderTable));
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(SqlReminderTable));
        Assert.Contains(services, d => d.ServiceType == typeof(IReminderService));
    }

    [Theory]
    [InlineData("postgres", "Storage:ConnectionString is required when Storage:Provider is postgres.")]
    [InlineData("mysql", "Storage:Provider 'mysql' is not one of")]
    public async Task Bad_storage_settings_stop_the_start_with_a_message_naming_the_key(string provider, string message)
    {
        var builder = Builder(new() { ["Storage:Provider"] = provider });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static IServiceCollection Register(Dictionary<string, string?> settings) => Builder(settings).Services;

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseActorsMembership(builder.Configuration).UseActorsReminders(builder.Configuration));
        return builder;
    }
}
