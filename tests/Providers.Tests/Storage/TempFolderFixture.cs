namespace Actors.Providers.Tests.Storage;

/// <summary>A temporary folder for one test class, deleted with everything in it when the class is done.</summary>
public sealed class TempFolderFixture : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("actors-storage-tests-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
