using System.Text;
using Actors.Domain.Logins;
using Actors.Providers.Storage.Sqlite;
using Actors.Providers.Tests.Membership.Stores;

namespace Actors.Providers.Tests.Logins;

public sealed class SqliteLoginRecordStoreTests(SqliteStores stores) : SqlLoginRecordStoreTests, IClassFixture<SqliteStores>
{
    private protected override Task<TestStore> CreateDatabaseAsync() => stores.CreateAsync();

    [Fact]
    public async Task Tombstoned_payloads_are_gone_from_the_database_file_and_its_write_ahead_log()
    {
        var erasedByChain = ChainOf(Wallet(1), 3);
        var erasedByAge = ChainOf(Wallet(2), 2, T0 - 1_000);
        var kept = ChainOf(Wallet(3), 2, T0 + 1_000);
        await Store.AppendAsync([.. erasedByChain, .. erasedByAge, .. kept]);
        LoginRecord[] erased = [.. erasedByChain.Take(2), .. erasedByAge];
        Assert.All([.. erased, .. kept], r => AssertInFiles(r, expected: true));

        Assert.Equal(2, await Store.TombstoneAsync(Wallet(1), 2));
        Assert.Equal(2, await Store.TombstoneOlderThanAsync(T0 - 500));

        Assert.All(erased, r => AssertInFiles(r, expected: false));
        Assert.All([erasedByChain[2], .. kept], r => AssertInFiles(r, expected: true));
        await AssertStoredPayloadsAsync(erased, [erasedByChain[2], .. kept]);
    }

    private void AssertInFiles(LoginRecord record, bool expected)
    {
        var files = FileText();
        Assert.Equal(expected, files.Contains(DeviceHex(record), StringComparison.Ordinal));
        Assert.Equal(expected, files.Contains(record.Payload!.Detail!, StringComparison.Ordinal));
    }

    // The database file and its write-ahead log as the disk holds them, read beside the store's open connections.
    private string FileText()
    {
        var path = Path.Combine(Database.StorageSettings["Storage:Path"]!, SqliteStoreOptions.DefaultFileName);
        var text = new StringBuilder();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            text.Append(Encoding.Latin1.GetString(bytes.ToArray()));
        }

        return text.ToString();
    }
}
