using Actors.Runtime.Reminders;
using Actors.Runtime.Tests.Storage;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>
/// The contract of <see cref="IReminderTable"/>, run against every provider by a subclass per provider. Each test has a database of
/// its own; tables opened with <see cref="OpenAsync"/> have their own connections, as separate silo processes would.
/// </summary>
public abstract partial class ReminderTableTests : IAsyncLifetime
{
    private readonly OpenedStores _opened = new();

    /// <summary>The database of this test.</summary>
    protected string Database { get; } = "r" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A table on <see cref="Database"/>, initialized.</summary>
    protected IReminderTable Table { get; private set; } = null!;

    // Enough rounds for racing writers to interleave; SQLite serializes writers with busy waits, so it needs (and affords) fewer.
    protected virtual int Rounds => 25;

    public async Task InitializeAsync()
    {
        Table = await OpenAsync();
        await Table.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => _opened.DisposeAsync().AsTask();

    /// <summary>Creates a provider instance on the named database; the database is created when new.</summary>
    private protected abstract Task<IReminderTable> CreateAsync(string database);

    /// <summary>Another table on this test's database (or the named one), with connections of its own.</summary>
    protected async Task<IReminderTable> OpenAsync(string? database = null)
    {
        var table = await CreateAsync(database ?? Database);
        return _opened.Add(table);
    }

    protected static GrainId Grain(string key = "g1", string type = "ticker") => GrainId.Create(type, key);

    protected static ReminderKey Key(string name = "daily", string key = "g1", string type = "ticker") => new(Grain(key, type), name);

    protected static ReminderEntry Entry(
        string name = "daily", string key = "g1", long firstTickAt = 1_900_000_000_000, long periodMs = 60_000, long lastTick = -1, string type = "ticker") =>
        new(Grain(key, type), name, firstTickAt, periodMs, lastTick, Version: 0);

    protected Task<ReminderEntry?> ReadAsync(ReminderKey key) => Table.ReadAsync(key, CancellationToken.None);

    /// <summary>Creates a row, failing the test unless the insert won; returns its version.</summary>
    protected async Task<long> InsertedAsync(ReminderEntry entry)
    {
        var version = await Table.TryUpsertAsync(entry, 0, CancellationToken.None);
        Assert.True(version is not null, $"Creating {entry.Key} failed.");
        return version.Value;
    }

    /// <summary>Every row, read page by page.</summary>
    protected async Task<List<ReminderEntry>> ScanAsync(int pageSize, IReminderTable? table = null)
    {
        var rows = new List<ReminderEntry>();
        ReminderKey? after = null;
        while (true)
        {
            var page = await (table ?? Table).ReadPageAsync(after, pageSize, CancellationToken.None);
            Assert.InRange(page.Count, 0, pageSize);
            rows.AddRange(page);
            if (page.Count < pageSize)
            {
                return rows;
            }

            after = page[^1].Key;
        }
    }
}
