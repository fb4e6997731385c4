using Actors.Runtime.Reminders;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>The contract on the memory table; every <see cref="OpenAsync"/> of one test shares one instance, as in-process silos do.</summary>
public sealed class MemoryReminderTableTests : ReminderTableTests
{
    private readonly Dictionary<string, MemoryReminderTable> _tables = [];

    private protected override Task<IReminderTable> CreateAsync(string database)
    {
        if (!_tables.TryGetValue(database, out var table))
        {
            _tables[database] = table = new MemoryReminderTable();
        }

        return Task.FromResult<IReminderTable>(table);
    }

    [Fact]
    public async Task An_unreachable_table_fails_every_call_with_StorageException_until_it_is_back()
    {
        var table = (MemoryReminderTable)Table;
        var version = await InsertedAsync(Entry());

        table.Unreachable = true;
        await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync(Key(), CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync(Grain(), CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.ReadPageAsync(null, 1, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryUpsertAsync(Entry(), version, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryAdvanceAsync(Key(), 0, version, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryDeleteAsync(Key(), version, CancellationToken.None));

        table.Unreachable = false;
        Assert.Equal(Entry() with { Version = version }, await ReadAsync(Key()));
    }
}
