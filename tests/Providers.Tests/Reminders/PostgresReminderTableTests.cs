using Actors.Providers.Tests.Membership.Stores;

namespace Actors.Providers.Tests.Reminders;

public sealed class PostgresReminderTableTests(PostgresStores stores) : ReminderTableTests, IClassFixture<PostgresStores>
{
    private protected override Task<TestStore> CreateStoreAsync() => stores.CreateAsync();
}
