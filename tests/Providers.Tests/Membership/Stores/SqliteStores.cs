namespace Actors.Providers.Tests.Membership.Stores;

/// <summary>A temporary folder of a test class, holding one SQLite database folder per test; deleted with the fixture.</summary>
public sealed class SqliteStores : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("actors-tables-").FullName;

    /// <summary>A new, empty database.</summary>
    public Task<TestStore> CreateAsync() =>
        Task.FromResult<TestStore>(new SqliteTestStore(Path.Combine(_root, Guid.NewGuid().ToString("N"))));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere keeps the folder; the temporary folder is cleaned by the system.
        }
    }
}
