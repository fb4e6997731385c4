using Orleans.Runtime;

namespace Actors.Providers.Storage;

/// <summary>Which stored record a state is: the primary key of <c>grain_state</c>.</summary>
/// <param name="GrainType">The grain's type name, <see cref="GrainId.Type"/> as a string ("wallet", say).</param>
/// <param name="GrainKey">The grain's key, <see cref="GrainId.Key"/> as a string.</param>
/// <param name="StateName">The state's name within the grain.</param>
internal readonly record struct StateKey(string GrainType, string GrainKey, string StateName)
{
    /// <summary>The record of a grain's named state.</summary>
    public static StateKey Of(GrainId grainId, string stateName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        return new(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);
    }

    /// <summary>As Orleans prints grain ids, with the state name: <c>wallet/0xab… 'balance'</c>.</summary>
    public override string ToString() => $"{GrainType}/{GrainKey} '{StateName}'";
}
