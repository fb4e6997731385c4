namespace Actors.Providers.Tests.Storage;

/// <summary>A SQL provider's stores, with a console to its databases.</summary>
internal abstract class SqlStoreHarness : StoreHarness
{
    public override bool GroupCommits => true;

    /// <summary>Runs a statement on the named database outside the store.</summary>
    public abstract Task ExecuteAsync(string database, string sql);

    /// <summary>Runs a query returning one integer on the named database outside the store.</summary>
    public abstract Task<long> ScalarAsync(string database, string sql);

    /// <summary>Makes every insert of the given grain key fail inside the database, as a stand-in for a failing transaction.</summary>
    public abstract Task FailInsertsOfKeyAsync(string database, string grainKey);

    /// <summary>Undoes <see cref="FailInsertsOfKeyAsync"/>.</summary>
    public abstract Task StopFailingInsertsAsync(string database);
}
