using Actors.Runtime.Activation;

namespace Actors.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime constructs a grain when a call first reaches it, reads its persistent
/// state, calls <see cref="OnActivateAsync"/>, and then runs its calls one turn at a time.
/// </summary>
public abstract partial class Grain
{
    private readonly ActivationData _activation;

    /// <summary>Binds the grain to the activation under construction. Grains are created by the runtime only.</summary>
    protected Grain()
    {
        _activation = ActivationData.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime when a call reaches them; use IGrainFactory.GetGrain.");
    }

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>This grain's key.</summary>
    public string GrainKey => _activation.GrainId.Key;

    /// <summary>The factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The silo's clock. Use it rather than the wall clock so that tests can drive time.</summary>
    protected TimeProvider TimeProvider => _activation.Runtime.TimeProvider;

    /// <summary>Called after the grain's persistent state is read and before its first call runs.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once no call is running any more, before the activation is dropped. Not called when a silo crashes.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this grain once the current call ends.</summary>
    protected void DeactivateOnIdle() => _activation.Deactivate(DeactivationReason.ApplicationRequested);

    /// <summary>
    /// Writes <paramref name="state"/>; when the write fails, the activation is deactivated once the current call ends, because
    /// its memory now holds a change that storage may not have, and the next call starts again from what storage holds.
    /// </summary>
    protected async Task WriteStateOrResetAsync<TState>(IPersistentState<TState> state) where TState : new()
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Starts a timer whose callback runs as a turn of this activation (never alongside another call). The next period starts
    /// when the callback finishes. Timers do not keep an idle grain alive and end with the activation.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(callback, dueTime, period);
    }
}
