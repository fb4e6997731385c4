namespace Actors.Providers.Tests.Storage;

/// <summary>A test grain keeping a total in persistent state.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds to the total and writes the state; returns the new total.</summary>
    Task<int> Add(int amount);

    Task<int> Get();

    /// <summary>The ETag of the state this activation holds.</summary>
    Task<string?> GetEtag();

    /// <summary>An id of this activation, new for every activation.</summary>
    Task<Guid> GetActivationId();

    Task Clear();
}
