using Orleans.Concurrency;

namespace Actors.Grains.Interfaces.Operations;

/// <summary>
/// What the operator pages list, which Orleans cannot enumerate: the ids of every reward pool, of every recovery request in
/// flight and of every frozen wallet. One grain keyed <see cref="Key"/>, persisted; each grain that creates, opens or freezes
/// something adds its id before its own state says so (so no entry is ever missing) and removes it once it has ended, so an
/// entry may outlive what it names for a while and the pages read each named grain for what it is now.
/// </summary>
public interface IOperationsDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one directory's key.</summary>
    public const string Key = "all";

    /// <summary>The most ids a list holds; an add beyond it is refused (<c>directory_full</c>).</summary>
    public const int MaxEntries = 100_000;

    /// <summary>Adds <paramref name="id"/> to <paramref name="list"/>; adding it again changes nothing.</summary>
    Task Add(DirectoryList list, string id);

    /// <summary>Removes <paramref name="id"/> from <paramref name="list"/>; an absent id changes nothing.</summary>
    Task Remove(DirectoryList list, string id);

    /// <summary>The ids of <paramref name="list"/>, in ordinal order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> List(DirectoryList list);
}

/// <summary>The lists of the operations directory.</summary>
public enum DirectoryList
{
    /// <summary>Every reward pool created.</summary>
    Pools = 1,

    /// <summary>Recovery requests submitted and not yet ended.</summary>
    Recoveries = 2,

    /// <summary>Wallets frozen for at least one reason.</summary>
    FrozenWallets = 3,
}
