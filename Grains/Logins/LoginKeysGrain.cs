using Actors.Domain.Logins;
using Actors.Grains.Interfaces.Logins;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Logins;

/// <summary>
/// The login key's current version (<see cref="ILoginKeysGrain"/>), from 1. A rotation is stored first and then recorded in
/// the cluster's chain under the new key; records under older versions keep verifying under theirs.
/// </summary>
public sealed class LoginKeysGrain(
    [PersistentState("login-keys")] IPersistentState<LoginKeysState> state, LoginKeyRing keys, ILogger<LoginKeysGrain> logger)
    : Grain, ILoginKeysGrain
{
    /// <inheritdoc />
    public Task<int> GetCurrentVersion() => Task.FromResult(Math.Max(1, state.State.Version));

    /// <inheritdoc />
    public async Task<int> Rotate()
    {
        var old = Math.Max(1, state.State.Version);
        state.State.Version = old + 1;
        await state.WriteStateAsync();
        keys.Rotated(state.State.Version);
        LoginLog.KeyRotated(logger, old, state.State.Version);
        await GrainFactory.GetGrain<ILoginLogGrain>(LoginRecordHashing.ClusterChain).RecordKeyRotation(old, state.State.Version);
        return state.State.Version;
    }
}

/// <summary>The login key's version; 0 (never rotated) reads as 1.</summary>
public sealed class LoginKeysState
{
    /// <summary>The current version.</summary>
    public int Version { get; set; }
}
