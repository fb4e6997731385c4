using System.Security.Cryptography;
using Actors.Grains.Interfaces.Gateway;
using Actors.Grains.Persistence;

namespace Actors.Grains.Gateway;

/// <summary>The cluster secret grain: 32 random bytes, created once and stored.</summary>
[GrainType("cluster-secret")]
public sealed class ClusterSecretGrain([PersistentState("secret")] IPersistentState<ClusterSecretState> state) : Grain, IClusterSecretGrain
{
    /// <inheritdoc />
    public async Task<byte[]> GetOrCreate()
    {
        if (state.State.Secret is not { Length: 32 })
        {
            state.State.Secret = RandomNumberGenerator.GetBytes(32);
            await state.WriteOrResetAsync(this);
        }

        return state.State.Secret;
    }

    /// <inheritdoc />
    public async Task<byte[]> GetOrSet(byte[] proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        if (proposed.Length != 32)
        {
            throw Interfaces.RequestRejectedException.Invalid(nameof(proposed), "A cluster secret is 32 bytes.");
        }

        if (state.State.Secret is not { Length: 32 })
        {
            state.State.Secret = proposed;
            await state.WriteOrResetAsync(this);
        }

        return state.State.Secret;
    }
}

/// <summary>The cluster secret grain's stored state.</summary>
public sealed class ClusterSecretState
{
    /// <summary>The secret, once created.</summary>
    public byte[]? Secret { get; set; }
}
