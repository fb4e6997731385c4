using Actors.Providers.Reminders;
using Actors.Providers.Tests.Membership.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Providers.Tests.Reminders;

/// <summary>
/// The contract of Orleans's <see cref="IReminderTable"/> as <see cref="SqlReminderTable"/> keeps it, run on every database by
/// a subclass per database. Each test has a database of its own.
/// </summary>
public abstract partial class ReminderTableTests : IAsyncLifetime
{
    // Whole milliseconds: what the table stores.
    private protected static readonly DateTime T0 = new(2026, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);

    private protected TestStore Store { get; private set; } = null!;

    /// <summary>A table on this test's database, started.</summary>
    private protected SqlReminderTable Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        Table = Open();
        await Table.StartAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    private protected abstract Task<TestStore> CreateStoreAsync();

    /// <summary>Another table on this test's database (or the given one), with connections of its own.</summary>
    private protected SqlReminderTable Open(TestStore? store = null) =>
        new((store ?? Store).Open(), NullLogger<SqlReminderTable>.Instance);

    private protected static GrainId Grain(string key) => GrainId.Create("ticker", key);

    private protected static ReminderEntry Entry(GrainId grain, string name = "tick", TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = T0,
        Period = period ?? TimeSpan.FromMinutes(2),
    };

    private protected static void AssertSameReminder(ReminderEntry expected, string etag, ReminderEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GrainId, actual.GrainId);
        Assert.Equal(expected.ReminderName, actual.ReminderName);
        Assert.Equal(expected.StartAt, actual.StartAt);
        Assert.Equal(DateTimeKind.Utc, actual.StartAt.Kind);
        Assert.Equal(expected.Period, actual.Period);
        Assert.Equal(etag, actual.ETag);
    }
}
