using Orleans.Runtime;

namespace Actors.Grains.Persistence;

/// <summary>How grains write their state when a failed write must not leave a change in memory that storage lacks.</summary>
internal static class PersistentStateWrites
{
    /// <summary>
    /// Writes <paramref name="state"/>; when the write fails, <paramref name="grain"/> is deactivated once the current call ends,
    /// because its memory now holds a change that storage may not have, and the next call starts again from what storage holds.
    /// (Orleans deactivates on <see cref="Orleans.Storage.InconsistentStateException"/> by itself; this covers every failure.)
    /// </summary>
    public static async Task WriteOrResetAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grain);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
