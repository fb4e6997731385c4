using Actors.Providers.Tests.Membership.Stores;

namespace Actors.Providers.Tests.Reminders;

public sealed class SqliteReminderTableTests(SqliteStores stores) : ReminderTableTests, IClassFixture<SqliteStores>
{
    private protected override Task<TestStore> CreateStoreAsync() => stores.CreateAsync();
}
