using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Operations;
using Actors.Grains.Persistence;

namespace Actors.Grains.Operations;

/// <summary>
/// The operations directory: three sets of ids. An add or a removal is O(1) in memory and one write of the directory;
/// what the directory holds is what is in flight (recoveries, frozen wallets) and the pools, a few thousand ids at most in use.
/// </summary>
[GrainType("operations-directory")]
public sealed class OperationsDirectoryGrain(
    [PersistentState("directory")] IPersistentState<OperationsDirectoryState> state) : Grain, IOperationsDirectoryGrain
{
    /// <inheritdoc />
    public async Task Add(DirectoryList list, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var ids = Of(list);
        if (ids.Contains(id))
        {
            return;
        }

        if (ids.Count >= IOperationsDirectoryGrain.MaxEntries)
        {
            throw new RequestRejectedException("directory_full", $"The operations directory's {list} list holds {IOperationsDirectoryGrain.MaxEntries} ids.");
        }

        ids.Add(id);
        await state.WriteOrResetAsync(this);
    }

    /// <inheritdoc />
    public async Task Remove(DirectoryList list, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (Of(list).Remove(id))
        {
            await state.WriteOrResetAsync(this);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> List(DirectoryList list) => Task.FromResult<IReadOnlyList<string>>([.. Of(list).Order(StringComparer.Ordinal)]);

    private HashSet<string> Of(DirectoryList list) => list switch
    {
        DirectoryList.Pools => state.State.Pools,
        DirectoryList.Recoveries => state.State.Recoveries,
        DirectoryList.FrozenWallets => state.State.FrozenWallets,
        _ => throw RequestRejectedException.Invalid(nameof(list), $"Unknown directory list {list}."),
    };
}

/// <summary>The operations directory's stored state.</summary>
public sealed class OperationsDirectoryState
{
    /// <summary>Pool ids.</summary>
    public HashSet<string> Pools { get; set; } = [];

    /// <summary>Ids of recovery requests in flight.</summary>
    public HashSet<string> Recoveries { get; set; } = [];

    /// <summary>Addresses of frozen wallets.</summary>
    public HashSet<string> FrozenWallets { get; set; } = [];
}
